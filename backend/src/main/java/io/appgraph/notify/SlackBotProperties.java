package io.appgraph.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * appgraph as a Slack app: the bot that posts alert messages, threads and updates them,
 * and the signing secret its interactive buttons are verified with.
 *
 * @param botToken the bot's OAuth token ({@code xoxb-...}, scopes {@code chat:write},
 * {@code users:read}, {@code users:read.email}); a secret, never logged. Unset: alert
 * messages go to the incoming webhook {@code appgraph.notify.slack-webhook-url} instead,
 * without threads or buttons (env {@code APPGRAPH_SLACK_BOT_TOKEN})
 * @param apiUrl the base URL of Slack's Web API, ending in {@code /} (env
 * {@code APPGRAPH_SLACK_API_URL})
 * @param signingSecret the app's signing secret, which
 * {@code POST /api/slack/interactions} checks each request's {@code X-Slack-Signature}
 * with; unset turns that endpoint off (env {@code APPGRAPH_SLACK_SIGNING_SECRET})
 * @param defaultChannel the channel (name or id) of alerts on apps whose squad names no
 * {@code slackChannel}, and of alerts on no known app (env
 * {@code APPGRAPH_SLACK_DEFAULT_CHANNEL})
 * @param timeout the longest one call to Slack may take, connecting included (env
 * {@code APPGRAPH_SLACK_TIMEOUT})
 */
@ConfigurationProperties("appgraph.slack")
public record SlackBotProperties(String botToken, @DefaultValue("https://slack.com/api/") String apiUrl,
        String signingSecret, @DefaultValue("#alerts") String defaultChannel, @DefaultValue("10s") Duration timeout) {

    /** Whether a bot token is set. */
    public boolean botConfigured() {
        return StringUtils.hasText(this.botToken);
    }

    /** Whether a signing secret is set, so that interactions can be verified. */
    public boolean interactionsEnabled() {
        return StringUtils.hasText(this.signingSecret);
    }

    @Override
    public String toString() {
        return "SlackBotProperties[botToken=%s, apiUrl=%s, signingSecret=%s, defaultChannel=%s, timeout=%s]".formatted(
                botConfigured() ? "(set)" : "(unset)", this.apiUrl, interactionsEnabled() ? "(set)" : "(unset)",
                this.defaultChannel, this.timeout);
    }

}
