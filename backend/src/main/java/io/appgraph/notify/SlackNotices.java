package io.appgraph.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.PortalProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * Posts ownership notices to Slack incoming webhooks as Block Kit messages, with Slack's
 * Java SDK: to the squad's own webhook when it has one, else to
 * {@code appgraph.notify.slack-webhook-url}. A notice with neither is dropped with a log
 * line (it counts as delivered: a webhook set later does not replay old notices). The
 * webhook URL is a secret: no log line or error names it.
 * <p>
 * Reads the payload {@code ownership} enqueues: {@code reason} (OWNER_LEFT, NO_OWNER),
 * {@code app}, {@code squad}, {@code slackChannel}, {@code formerOwner},
 * {@code formerOwnerName} and {@code suggestions} ({@code handle}, {@code reason}).
 */
final class SlackNotices implements OutboxSender, AutoCloseable {

    private static final Log log = LogFactory.getLog(SlackNotices.class);

    private final AtomicBoolean droppedBefore = new AtomicBoolean();

    private static final String SQUAD_WEBHOOK = """
            MATCH (squad:Squad {name: $squad})
            RETURN squad.slackWebhookUrl AS url
            """;

    private static final Map<String, String> WHY = Map.of("RECENT_RELEASER", "released it recently", "SQUAD_MEMBER",
            "member of the squad", "SQUAD_BUDDY", "the squad's ops buddy");

    private final Slack slack;

    private final SlackProperties properties;

    private final PortalProperties portal;

    private final Cypher cypher;

    SlackNotices(SlackProperties properties, PortalProperties portal, Cypher cypher) {
        SlackConfig config = new SlackConfig();
        int timeout = (int) properties.slackTimeout().toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        this.slack = Slack.getInstance(config);
        this.properties = properties;
        this.portal = portal;
        this.cypher = cypher;
    }

    @Override
    public String destination() {
        return Outbox.SLACK;
    }

    @Override
    public Duration maxDeliveryTime() {
        return this.properties.slackTimeout();
    }

    @Override
    public void deliver(OutboxMessage message) {
        String squad = text(message.payload(), "squad");
        String url = webhook(squad);
        if (url == null) {
            // An estate without webhooks drops a notice per ownerless app on its first
            // sweep:
            // thousands on a large estate. Said once at INFO, then at DEBUG.
            String dropped = "Notice for app %s dropped: squad %s has no Slack webhook and appgraph.notify.slack-webhook-url is not set"
                .formatted(text(message.payload(), "app"), (squad != null) ? squad : "(none)");
            if (this.droppedBefore.compareAndSet(false, true)) {
                log.info(dropped + " (further dropped notices are logged at DEBUG)");
            }
            else if (log.isDebugEnabled()) {
                log.debug(dropped);
            }
            return;
        }
        WebhookResponse response;
        try {
            response = this.slack.send(url, message(message.payload()));
        }
        catch (IOException ex) {
            // The exception's message may quote the URL: only its kind is told.
            throw new DeliveryException("Slack could not be reached: " + ex.getClass().getSimpleName());
        }
        catch (RuntimeException ex) {
            throw new DeliveryException("Slack request failed: " + ex.getClass().getSimpleName());
        }
        if (response.getCode() == null) {
            throw new DeliveryException("Slack answered without a status");
        }
        if (response.getCode() != 200) {
            throw DeliveryException.answered("Slack", response.getCode());
        }
    }

    private String webhook(String squad) {
        if (squad != null) {
            String own = this.cypher.single(SQUAD_WEBHOOK, Map.of("squad", squad), r -> r.get("url"))
                .map(url -> url.asString(null))
                .orElse(null);
            if (own != null && !own.isBlank()) {
                return own;
            }
        }
        return this.properties.configured() ? this.properties.slackWebhookUrl() : null;
    }

    /** The Block Kit message for one notice. */
    Payload message(Map<String, Object> payload) {
        if ("cost-alert".equals(text(payload, "notice"))) {
            return costMessage(payload);
        }
        String app = text(payload, "app");
        if (app == null) {
            throw DeliveryException.permanent("The ownership notice names no app");
        }
        String page = this.portal.appPage(app);
        String squad = text(payload, "squad");
        String channel = text(payload, "slackChannel");
        String former = text(payload, "formerOwner");
        String formerName = text(payload, "formerOwnerName");
        boolean left = "OWNER_LEFT".equals(text(payload, "reason")) && former != null;

        String what = left
                ? "*<%s|%s>* needs a new owner: its owner %s has left.".formatted(page, escape(app),
                        (formerName != null) ? "*" + escape(formerName) + "* (`" + escape(former) + "`)"
                                : "`" + escape(former) + "`")
                : "*<%s|%s>* has no developer owner.".formatted(page, escape(app));
        String squadLine = (squad != null)
                ? "Squad: *%s*%s".formatted(escape(squad), (channel != null) ? " (" + escape(channel) + ")" : "")
                : "No squad is responsible for it either.";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(app + (left ? ": owner has left" : ": no owner")))));
        blocks.add(section(s -> s.text(markdownText(what + "\n" + squadLine))));
        blocks.add(section(s -> s.text(markdownText(suggestions(payload)))));
        blocks.add(actions(a -> a.elements(List
            .of(button(b -> b.text(plainText("Open " + app + " in appgraph")).url(page).actionId("open-app"))))));
        List<TextObject> note = List.of(markdownText("Take it on with `reassignOwner` or on the app's page."));
        blocks.add(context(c -> c.elements(new ArrayList<>(note))));
        String fallback = left ? "%s needs a new owner: %s has left".formatted(app, former)
                : "%s has no developer owner".formatted(app);
        return Payload.builder().text(fallback).blocks(blocks).build();
    }

    /**
     * A cost alert: {@code kind}, {@code message}, {@code squad}, {@code slackChannel}
     * and, for an app's alert, {@code app}; a button opens the squad's cost page.
     */
    private Payload costMessage(Map<String, Object> payload) {
        String message = text(payload, "message");
        if (message == null) {
            throw DeliveryException.permanent("The cost notice has no message");
        }
        String squad = text(payload, "squad");
        String channel = text(payload, "slackChannel");
        String title = switch (String.valueOf(text(payload, "kind"))) {
            case "COST_UP" -> "Cost up week on week";
            case "OVER_PROVISIONED" -> "Requests far above usage";
            case "LOGGING_SPIKE" -> "Logging spike";
            case "UNATTRIBUTED_GROWTH" -> "Unattributed cost growing";
            default -> "Cost alert";
        };
        String page = (squad != null) ? this.portal.squadCostPage(squad) : this.portal.platformPage();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title + ((squad != null) ? ": " + squad : "")))));
        String squadLine = (squad != null)
                ? "\nSquad: *%s*%s".formatted(escape(squad), (channel != null) ? " (" + escape(channel) + ")" : "")
                : "";
        blocks.add(section(s -> s.text(markdownText(escape(message) + squadLine))));
        blocks.add(actions(a -> a.elements(
                List.of(button(b -> b.text(plainText("Open cost in appgraph")).url(page).actionId("open-cost"))))));
        blocks.add(context(c -> c.elements(
                new ArrayList<>(List.of(markdownText("Snooze or dismiss it, with a reason, on the cost page."))))));
        return Payload.builder().text(title + ": " + message).blocks(blocks).build();
    }

    @SuppressWarnings("unchecked")
    private static String suggestions(Map<String, Object> payload) {
        Object listed = payload.get("suggestions");
        List<Map<String, Object>> suggestions = (listed instanceof List<?> list) ? (List<Map<String, Object>>) list
                : List.of();
        if (suggestions.isEmpty()) {
            return "*Suggested owners:* none; the squad has no other active member.";
        }
        StringBuilder text = new StringBuilder("*Suggested owners:*");
        for (Map<String, Object> suggestion : suggestions) {
            String why = WHY.getOrDefault(String.valueOf(suggestion.get("reason")), "");
            text.append("\n• `").append(escape(String.valueOf(suggestion.get("handle")))).append('`');
            if (!why.isEmpty()) {
                text.append(" (").append(why).append(')');
            }
        }
        return text.toString();
    }

    // Slack's mrkdwn gives &, < and > meaning: names are shown as written.
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String text(Map<String, Object> payload, String key) {
        Object value = payload.get(key);
        return (value == null || value.toString().isBlank()) ? null : value.toString();
    }

    @Override
    public void close() throws Exception {
        this.slack.close();
    }

}
