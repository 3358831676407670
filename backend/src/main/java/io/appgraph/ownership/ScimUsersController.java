package io.appgraph.ownership;

import java.net.URI;
import java.util.List;

import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.UserResource;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /scim/v2/Users} (RFC 7644) for the identity provider; {@link ScimAccess} checks
 * its token first and {@link ScimErrors} answers refusals as SCIM errors.
 * {@code attributes} and {@code excludedAttributes} are ignored: every answer is the
 * whole, small, user.
 */
@RestController
final class ScimUsersController {

    static final String USERS = ScimJson.BASE + "/Users";

    private final ScimUserWriter users;

    private final ScimProperties properties;

    ScimUsersController(ScimUserWriter users, ScimProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @GetMapping(USERS)
    ResponseEntity<byte[]> list(@RequestParam(required = false) String filter,
            @RequestParam(required = false) String startIndex, @RequestParam(required = false) String count)
            throws ScimException {
        ScimUserFilter lookup = ScimUserFilter.parse(filter);
        ScimPaging paging = ScimPaging.of(startIndex, count, this.properties.maxResults());
        ScimUserWriter.Page page = this.users.list(lookup, paging.skip(), paging.count());
        List<UserResource> resources = page.users().stream().map(u -> u.toResource(location(u))).toList();
        return ScimJson.answer(HttpStatus.OK,
                new ListResponse<>(page.total(), resources, paging.startIndex(), resources.size()));
    }

    @GetMapping(USERS + "/{id}")
    ResponseEntity<byte[]> get(@PathVariable String id) throws ScimException {
        return user(HttpStatus.OK, this.users.get(id));
    }

    @PostMapping(USERS)
    ResponseEntity<byte[]> create(@RequestBody(required = false) byte[] body) throws ScimException {
        ScimUser created = this.users.create(ScimUserInput.of(ScimJson.read(body, UserResource.class)));
        URI location = location(created);
        return ScimJson.answer(ResponseEntity.created(location), created.toResource(location));
    }

    @PutMapping(USERS + "/{id}")
    ResponseEntity<byte[]> replace(@PathVariable String id, @RequestBody(required = false) byte[] body)
            throws ScimException {
        return user(HttpStatus.OK, this.users.replace(id, ScimUserInput.of(ScimJson.read(body, UserResource.class))));
    }

    @PatchMapping(USERS + "/{id}")
    ResponseEntity<byte[]> patch(@PathVariable String id, @RequestBody(required = false) byte[] body)
            throws ScimException {
        return user(HttpStatus.OK, this.users.patch(id, ScimJson.read(body, PatchRequest.class)));
    }

    @DeleteMapping(USERS + "/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) throws ScimException {
        this.users.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<byte[]> user(HttpStatus status, ScimUser user) {
        URI location = location(user);
        return ScimJson.answer(ResponseEntity.status(status).location(location), user.toResource(location));
    }

    private static URI location(ScimUser user) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
            .path(USERS + "/{id}")
            .buildAndExpand(user.id())
            .toUri();
    }

}
