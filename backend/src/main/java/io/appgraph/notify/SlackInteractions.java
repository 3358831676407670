package io.appgraph.notify;

import java.time.Clock;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.util.json.GsonFactory;

/**
 * Reads what Slack posts when someone clicks a button of a bot message: checks Slack's
 * request signature ({@code X-Slack-Signature} v0 over the timestamp and raw body,
 * {@code X-Slack-Request-Timestamp} within five minutes) with Slack's SDK, then parses
 * the {@code block_actions} payload.
 */
public final class SlackInteractions {

    /** The header that carries Slack's signature. */
    public static final String SIGNATURE_HEADER = SlackSignature.HeaderNames.X_SLACK_SIGNATURE;

    /** The header that carries the time Slack signed the request at. */
    public static final String TIMESTAMP_HEADER = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP;

    private final SlackBotProperties properties;

    private final Clock clock;

    private final Gson gson = GsonFactory.createSnakeCase();

    SlackInteractions(SlackBotProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether a signing secret is set: without it no interaction is accepted. */
    public boolean enabled() {
        return this.properties.interactionsEnabled();
    }

    /**
     * Whether Slack signed this body with the app's signing secret, less than five
     * minutes ago (a replayed old request fails).
     */
    public boolean signed(String timestamp, String body, String signature) {
        if (!enabled() || timestamp == null || signature == null || body == null) {
            return false;
        }
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(
                new SlackSignature.Generator(this.properties.signingSecret()));
        try {
            return verifier.isValid(timestamp, body, signature, this.clock.millis());
        }
        catch (RuntimeException ex) {
            // A timestamp that is not a number.
            return false;
        }
    }

    /**
     * The button clicks of a signed form body ({@code payload=<json>}); empty when the
     * body holds no {@code block_actions} payload.
     */
    public Optional<BlockActionPayload> blockActions(String body) {
        String json = new JsonPayloadExtractor().extractIfExists(body);
        if (json == null) {
            return Optional.empty();
        }
        try {
            BlockActionPayload payload = this.gson.fromJson(json, BlockActionPayload.class);
            return Optional.ofNullable(payload).filter(p -> BlockActionPayload.TYPE.equals(p.getType()));
        }
        catch (JsonParseException ex) {
            return Optional.empty();
        }
    }

}
