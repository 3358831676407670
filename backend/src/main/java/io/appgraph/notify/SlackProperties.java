package io.appgraph.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where ownership notices go in Slack. A squad's own incoming webhook (set with
 * {@code upsertSquad}'s write-only {@code slackWebhookUrl}) wins; this one is for squads
 * without.
 *
 * @param slackWebhookUrl the estate-wide Slack incoming webhook, a secret: never logged
 * (env {@code APPGRAPH_NOTIFY_SLACK_WEBHOOK_URL})
 * @param slackTimeout the longest one post to Slack may take, connecting included (env
 * {@code APPGRAPH_NOTIFY_SLACK_TIMEOUT})
 */
@ConfigurationProperties("appgraph.notify")
record SlackProperties(String slackWebhookUrl, @DefaultValue("10s") Duration slackTimeout) {

    boolean configured() {
        return StringUtils.hasText(this.slackWebhookUrl);
    }

    @Override
    public String toString() {
        return "SlackProperties[slackWebhookUrl=%s, slackTimeout=%s]".formatted(configured() ? "(set)" : "(unset)",
                this.slackTimeout);
    }

}
