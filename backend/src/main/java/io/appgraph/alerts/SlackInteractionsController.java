package io.appgraph.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import io.appgraph.notify.SlackBot;
import io.appgraph.notify.SlackInteractions;
import io.appgraph.platform.Cypher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/slack/interactions}: the buttons of alert messages, clicked in Slack.
 * The request must carry Slack's signature of its raw body made less than five minutes
 * ago with {@code appgraph.slack.signing-secret}; the person who clicked is found by the
 * email on their Slack profile. "I'm on it" acknowledges the group's firing alerts for
 * them; "Silence 1 h" silences the group in Alertmanager. The message itself is updated
 * through the outbox; the clicker gets a note only they see when something stood in the
 * way. Without a signing secret the endpoint answers 404.
 */
@RestController
final class SlackInteractionsController {

    private static final Log log = LogFactory.getLog(SlackInteractionsController.class);

    // Emails are stored lower-case (upsertPerson, SCIM): the unique email index finds
    // the person.
    private static final String PERSON_BY_EMAIL = """
            MATCH (person:Person {email: $email})
            RETURN person.handle AS handle, person.active AS active
            """;

    private final SlackInteractions interactions;

    private final SlackBot slack;

    private final AlertWriter writer;

    private final AlertActions actions;

    private final Cypher cypher;

    SlackInteractionsController(SlackInteractions interactions, SlackBot slack, AlertWriter writer,
            AlertActions actions, Cypher cypher) {
        this.interactions = interactions;
        this.slack = slack;
        this.writer = writer;
        this.actions = actions;
        this.cypher = cypher;
    }

    // The raw body is read from the request itself: Spring rebuilds form bodies from
    // their parameters, which need not be the bytes Slack signed.
    @PostMapping(path = "/api/slack/interactions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> interaction(HttpServletRequest request) throws IOException {
        if (!this.interactions.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Not found",
                    "Slack interactions are off: appgraph.slack.signing-secret is not set");
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!this.interactions.signed(request.getHeader(SlackInteractions.TIMESTAMP_HEADER), body,
                request.getHeader(SlackInteractions.SIGNATURE_HEADER))) {
            return problem(HttpStatus.UNAUTHORIZED, "Wrong signature",
                    "Not signed by Slack with appgraph.slack.signing-secret in the last five minutes");
        }
        Optional<BlockActionPayload> payload = this.interactions.blockActions(body);
        if (payload.isEmpty() || payload.get().getActions() == null) {
            return problem(HttpStatus.BAD_REQUEST, "Not a button click",
                    "Expected a form body with payload= holding a block_actions interaction");
        }
        BlockActionPayload clicked = payload.get();
        for (BlockActionPayload.Action action : clicked.getActions()) {
            if (AlertBlocks.ACKNOWLEDGE.equals(action.getActionId())
                    || AlertBlocks.SILENCE_HOUR.equals(action.getActionId())) {
                act(action, clicked);
            }
        }
        return ResponseEntity.ok(Map.of());
    }

    private void act(BlockActionPayload.Action action, BlockActionPayload clicked) {
        String responseUrl = clicked.getResponseUrl();
        String userId = (clicked.getUser() != null) ? clicked.getUser().getId() : null;
        Optional<String> email = this.slack.email(userId);
        if (email.isEmpty()) {
            this.slack.tell(responseUrl,
                    "appgraph could not read the email of your Slack profile, so it cannot tell who you are.");
            return;
        }
        Optional<Map.Entry<String, Boolean>> person = this.cypher.single(PERSON_BY_EMAIL,
                Map.of("email", email.get().toLowerCase(Locale.ROOT)),
                r -> Map.entry(r.get("handle").asString(), r.get("active").asBoolean(true)));
        if (person.isEmpty() || !person.get().getValue()) {
            this.slack.tell(responseUrl,
                    "No active person in appgraph has the email %s of your Slack profile.".formatted(email.get()));
            return;
        }
        String handle = person.get().getKey();
        String group = action.getValue();
        if (AlertBlocks.ACKNOWLEDGE.equals(action.getActionId())) {
            String holder = this.writer.acknowledgeGroup(group, handle);
            if (holder == null) {
                this.slack.tell(responseUrl, "This alert is no longer firing.");
            }
            else if (!holder.equals(handle)) {
                this.slack.tell(responseUrl, holder + " is already on it.");
            }
            return;
        }
        if (!this.actions.silencesConfigured()) {
            this.slack.tell(responseUrl, "Silences are off: appgraph.alertmanager.url is not set.");
            return;
        }
        try {
            if (this.actions.silenceGroup(group, 60, handle) == null) {
                this.slack.tell(responseUrl, "This alert is no longer firing.");
            }
        }
        catch (AlertmanagerSilences.Refused ex) {
            log.warn("Silence from Slack by " + handle + " failed: " + ex.getMessage());
            this.slack.tell(responseUrl, "The silence was not created: " + ex.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String error, String detail) {
        return ResponseEntity.status(status).body(Map.of("error", error, "details", List.of(detail)));
    }

}
