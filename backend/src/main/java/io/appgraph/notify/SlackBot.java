package io.appgraph.notify;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * appgraph's voice in Slack, through Slack's Java SDK: the Web API as a bot
 * ({@code chat.postMessage}, {@code chat.update}, {@code users.info}) when
 * {@code appgraph.slack.bot-token} is set, and the estate-wide incoming webhook
 * otherwise. Failures become {@link DeliveryException}s that the outbox retries or, when
 * Slack refused the message itself (an unknown channel, malformed blocks), gives up.
 * Tokens and webhook URLs are secrets: no message or log line names them.
 */
public final class SlackBot implements AutoCloseable {

    private static final Log log = LogFactory.getLog(SlackBot.class);

    // Slack's error codes that sending the same request again cannot mend. Auth errors
    // are
    // not among them: they heal when the token is mended, and the message should then
    // go.
    private static final Set<String> REFUSED = Set.of("channel_not_found", "not_in_channel", "is_archived",
            "msg_too_long", "no_text", "invalid_blocks", "invalid_blocks_format", "too_many_attachments",
            "message_not_found", "cant_update_message", "edit_window_closed", "invalid_arguments", "restricted_action",
            "thread_not_found");

    private final Slack slack;

    private final SlackBotProperties bot;

    private final SlackProperties webhook;

    private final MethodsClient methods;

    SlackBot(SlackBotProperties bot, SlackProperties webhook) {
        SlackConfig config = new SlackConfig();
        int timeout = (int) bot.timeout().toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        config.setMethodsEndpointUrlPrefix(bot.apiUrl().endsWith("/") ? bot.apiUrl() : bot.apiUrl() + "/");
        // The SDK's call statistics ask Slack's auth.test which team a token is for, a
        // call per client: not worth a round trip per message.
        config.setStatsEnabled(false);
        MethodsConfig methods = new MethodsConfig();
        methods.setStatsEnabled(false);
        config.setMethodsConfig(methods);
        this.slack = Slack.getInstance(config);
        this.methods = bot.botConfigured() ? this.slack.methods(bot.botToken()) : null;
        this.bot = bot;
        this.webhook = webhook;
    }

    /** Whether messages go out as the bot (threads, buttons, updates in place). */
    public boolean botConfigured() {
        return this.bot.botConfigured();
    }

    /** Whether messages can go out at all: as the bot or to the estate-wide webhook. */
    public boolean configured() {
        return botConfigured() || this.webhook.configured();
    }

    /** The channel of messages whose squad names none. */
    public String defaultChannel() {
        return this.bot.defaultChannel();
    }

    /**
     * Posts a message as the bot, in a thread when {@code threadTs} is given.
     * @return where it was posted: the channel's id and the message's timestamp, its id
     */
    public Posted post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        ChatPostMessageResponse response = call("chat.postMessage",
                () -> methods().chatPostMessage(r -> r.channel(channel).threadTs(threadTs).text(text).blocks(blocks)));
        return new Posted(response.getChannel(), response.getTs());
    }

    /** Replaces a message the bot posted. */
    public void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call("chat.update", () -> methods().chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    /**
     * The email address on a Slack user's profile, to tell which person clicked a button;
     * empty when Slack does not say (no bot, no such user, no {@code users:read.email}
     * scope, Slack unreachable).
     */
    public Optional<String> email(String userId) {
        if (!botConfigured() || userId == null) {
            return Optional.empty();
        }
        try {
            UsersInfoResponse response = call("users.info", () -> methods().usersInfo(r -> r.user(userId)));
            return Optional.ofNullable(response.getUser())
                .map(user -> user.getProfile())
                .map(profile -> profile.getEmail())
                .filter(email -> !email.isBlank());
        }
        catch (DeliveryException ex) {
            log.warn("Could not read the email of Slack user " + userId + ": " + ex.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Answers the person who clicked a button with a message only they see, through the
     * interaction's {@code response_url}. Best effort: a failure is logged.
     */
    public void tell(String responseUrl, String text) {
        if (responseUrl == null) {
            return;
        }
        try {
            new ActionResponseSender(this.slack).send(responseUrl,
                    ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build());
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Could not answer a Slack interaction: " + ex.getClass().getSimpleName());
        }
    }

    /** Posts a message to the estate-wide incoming webhook: no thread, no buttons. */
    public void postToWebhook(String text, List<LayoutBlock> blocks) {
        if (!this.webhook.configured()) {
            throw new DeliveryException(
                    "Neither appgraph.slack.bot-token nor appgraph.notify.slack-webhook-url is set");
        }
        WebhookResponse response;
        try {
            response = this.slack.send(this.webhook.slackWebhookUrl(),
                    Payload.builder().text(text).blocks(blocks).build());
        }
        catch (IOException ex) {
            throw new DeliveryException("Slack could not be reached: " + ex.getClass().getSimpleName());
        }
        catch (RuntimeException ex) {
            throw new DeliveryException("Slack request failed: " + ex.getClass().getSimpleName());
        }
        if (response.getCode() == null || response.getCode() != 200) {
            throw (response.getCode() == null) ? new DeliveryException("Slack answered without a status")
                    : DeliveryException.answered("Slack", response.getCode());
        }
    }

    private MethodsClient methods() {
        if (this.methods == null) {
            throw new DeliveryException("appgraph.slack.bot-token is not set");
        }
        return this.methods;
    }

    private static <R extends SlackApiTextResponse> R call(String method, SlackCall<R> call) {
        R response;
        try {
            response = call.run();
        }
        catch (SlackApiException ex) {
            int status = ex.getResponse().code();
            throw (status == 429) ? new DeliveryException("Slack rate-limited " + method)
                    : DeliveryException.answered("Slack's " + method, status);
        }
        catch (IOException ex) {
            throw new DeliveryException("Slack could not be reached: " + ex.getClass().getSimpleName());
        }
        catch (RuntimeException ex) {
            if (ex instanceof DeliveryException delivery) {
                throw delivery;
            }
            throw new DeliveryException("Slack's " + method + " failed: " + ex.getClass().getSimpleName());
        }
        if (!response.isOk()) {
            String error = String.valueOf(response.getError());
            String message = "Slack's " + method + " answered " + error;
            throw REFUSED.contains(error) ? DeliveryException.permanent(message + ": not retried")
                    : new DeliveryException(message);
        }
        return response;
    }

    @Override
    public void close() throws Exception {
        this.slack.close();
    }

    /**
     * Where a message was posted.
     *
     * @param channel the channel's id
     * @param ts the message's timestamp, its id in the channel
     */
    public record Posted(String channel, String ts) {
    }

    @FunctionalInterface
    private interface SlackCall<R> {

        R run() throws IOException, SlackApiException;

    }

}
