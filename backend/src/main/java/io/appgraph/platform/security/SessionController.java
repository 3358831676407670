package io.appgraph.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/session}: who the portal is talking to, so it can greet them, fill in
 * who is acting, and offer a logout. Open to anyone; it tells an anonymous caller only
 * the mode.
 */
@RestController
class SessionController {

    private final AppgraphSecurityProperties properties;

    private final Callers callers;

    private final ActingPerson people;

    SessionController(AppgraphSecurityProperties properties, Callers callers, ActingPerson people) {
        this.properties = properties;
        this.callers = callers;
        this.people = people;
    }

    @GetMapping("/api/session")
    Map<String, Object> session(Authentication authentication) {
        Caller caller = this.callers.of(authentication);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("mode", this.properties.mode().name().toLowerCase());
        session.put("authenticated", caller != null && caller != Caller.LOCAL);
        session.put("writer", caller != null && caller.writer());
        if (caller != null && caller != Caller.LOCAL) {
            session.put("name", caller.name());
            session.put("email", caller.email());
            session.put("person", this.people.personOf(caller).orElse(null));
            session.put("logout", "/logout");
        }
        return session;
    }

}
