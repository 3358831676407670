package io.appgraph.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.slack.api.model.block.LayoutBlock;
import io.appgraph.alerts.AlertBlocks.AlertView;
import io.appgraph.alerts.AlertBlocks.GroupView;
import io.appgraph.alerts.AlertBlocks.PersonView;
import io.appgraph.notify.DeliveryException;
import io.appgraph.notify.Outbox;
import io.appgraph.notify.OutboxMessage;
import io.appgraph.notify.OutboxSender;
import io.appgraph.notify.SlackBot;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.PortalProperties;
import io.appgraph.platform.Values;
import io.appgraph.releases.ChangesBeforeQuery;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * Delivers alert groups to Slack from the outbox. Every message renders the group as it
 * stands at delivery, not as it stood when the message was enqueued, so messages that
 * arrive late or twice show the truth.
 * <p>
 * As a bot: {@code post} posts the group's message in its squad's channel (else the
 * default one), keeps its timestamp on the group, then replies in its thread with the
 * suspect releases; a retry after a partial failure does only what is missing.
 * {@code update} replaces the message in place ({@code chat.update}). Through the
 * incoming webhook instead: {@code post} sends the message with the suspects in it,
 * {@code resolved} sends the resolved message, and updates are skipped (a webhook cannot
 * edit).
 */
@Component
final class AlertMessages implements OutboxSender {

    private static final int LISTED = 11;

    private static final String GROUP = """
            MATCH (group:AlertGroup {key: $key})
            RETURN group.episode AS episode, group.status AS status, group.slackChannel AS channel,
                   group.slackTs AS ts, group.suspectsPosted AS suspectsPosted,
                   COUNT { (group)-[:CONTAINS]->(:Alert) } AS total,
                   COLLECT {
                     MATCH (group)-[:CONTAINS]->(alert:Alert)
                     WITH alert ORDER BY CASE alert.status WHEN 'FIRING' THEN 0 ELSE 1 END, alert.startsAt, alert.id
                     LIMIT %d
                     WITH alert, head(COLLECT { MATCH (alert)-[:ON]->(a:App) RETURN a }) AS app
                     WITH alert, app, head(COLLECT { MATCH (app)-[:OWNED_BY]->(s:Squad) RETURN s }) AS squad
                     RETURN alert { .name, .severity, .status, .startsAt, .endsAt, .summary, .description,
                                    .runbookAnnotation, .namespace, .pod, .container, .appLabel,
                                    .acknowledgedAt, .silencedUntil,
                                    app: app.name, runbookUrl: app.runbookUrl,
                                    squad: squad.name, squadChannel: squad.slackChannel,
                                    owner: head(COLLECT { MATCH (app)-[:HAS_OWNER]->(p:Person)
                                                          RETURN p { .handle, .name, .active } }),
                                    buddy: head(COLLECT { MATCH (squad)-[:HAS_BUDDY]->(p:Person)
                                                          RETURN p { .handle, .name, .active } }),
                                    acknowledgedBy: head(COLLECT { MATCH (alert)-[:ACKNOWLEDGED_BY]->(p:Person)
                                                                   RETURN p { .handle, .name, .active } }),
                                    silencedBy: head(COLLECT { MATCH (alert)-[:SILENCED_BY]->(p:Person)
                                                               RETURN p { .handle, .name, .active } }) }
                   } AS alerts
            """.formatted(LISTED);

    private static final String POSTED = """
            MATCH (group:AlertGroup {key: $key})
            WHERE group.episode = $episode AND group.slackTs IS NULL
            SET group.slackChannel = $channel, group.slackTs = $ts
            """;

    private static final String SUSPECTS_POSTED = """
            MATCH (group:AlertGroup {key: $key})
            WHERE group.episode = $episode
            SET group.suspectsPosted = true
            """;

    private final Cypher cypher;

    private final SlackBot slack;

    private final AlertQueries queries;

    private final ChangesBeforeQuery changes;

    private final AlertActions actions;

    private final AlertProperties properties;

    private final PortalProperties portal;

    private final Clock clock;

    AlertMessages(Cypher cypher, SlackBot slack, AlertQueries queries, ChangesBeforeQuery changes, AlertActions actions,
            AlertProperties properties, PortalProperties portal) {
        this.cypher = cypher;
        this.slack = slack;
        this.queries = queries;
        this.changes = changes;
        this.actions = actions;
        this.properties = properties;
        this.portal = portal;
        this.clock = Clock.systemUTC();
    }

    @Override
    public String destination() {
        return Outbox.SLACK_ALERTS;
    }

    @Override
    public Duration maxDeliveryTime() {
        // A post is up to three calls: the message, the suspects and their reply.
        return Duration.ofSeconds(30);
    }

    @Override
    public void deliver(OutboxMessage message) {
        String key = (String) message.payload().get("group");
        Object episodeValue = message.payload().get("episode");
        String kind = (String) message.payload().get("kind");
        if (key == null || !(episodeValue instanceof Number) || kind == null) {
            throw DeliveryException.permanent("The alert message names no group, episode or kind");
        }
        long episode = ((Number) episodeValue).longValue();
        GroupView group = this.cypher.single(GROUP, Map.of("key", key), r -> view(key, r)).orElse(null);
        // A group that is gone, or has begun a new episode with its own message, needs
        // nothing more from this one.
        if (group == null || group.episode() != episode || group.alerts().isEmpty()) {
            return;
        }
        if (!this.slack.configured()) {
            throw new DeliveryException(
                    "Neither appgraph.slack.bot-token nor appgraph.notify.slack-webhook-url is set");
        }
        boolean bot = this.slack.botConfigured();
        switch (kind) {
            case AlertWriter.POST -> {
                if (bot) {
                    post(group);
                }
                else {
                    this.slack.postToWebhook(AlertBlocks.text(group), withSuspects(group));
                }
            }
            case AlertWriter.UPDATE -> {
                if (bot) {
                    if (group.ts() == null) {
                        throw new DeliveryException("The alert message of " + key + " is not posted yet");
                    }
                    this.slack.update(group.channel(), group.ts(), AlertBlocks.text(group), blocks(group, true));
                }
            }
            case AlertWriter.RESOLVED -> {
                if (!bot && !group.firing()) {
                    this.slack.postToWebhook(AlertBlocks.text(group), blocks(group, false));
                }
            }
            default -> throw DeliveryException.permanent("Unknown alert message kind " + kind);
        }
    }

    private void post(GroupView group) {
        String channel = group.channel();
        String ts = group.ts();
        if (ts == null) {
            AlertView first = group.alerts().get(0);
            String target = (first.squadChannel() != null) ? first.squadChannel() : this.slack.defaultChannel();
            SlackBot.Posted posted = this.slack.post(target, null, AlertBlocks.text(group), blocks(group, true));
            channel = Objects.requireNonNullElse(posted.channel(), target);
            ts = posted.ts();
            Map<String, Object> where = Map.of("key", group.key(), "episode", group.episode(), "channel", channel, "ts",
                    ts);
            this.cypher.write(tx -> this.cypher.run(tx, POSTED, where));
        }
        if (group.suspectsPosted()) {
            return;
        }
        String reply = suspects(group);
        if (reply != null) {
            this.slack.post(Objects.requireNonNullElse(channel, this.slack.defaultChannel()), ts, reply,
                    List.of(section(s -> s.text(markdownText(reply)))));
        }
        this.cypher
            .write(tx -> this.cypher.run(tx, SUSPECTS_POSTED, Map.of("key", group.key(), "episode", group.episode())));
    }

    private List<LayoutBlock> blocks(GroupView group, boolean buttons) {
        return AlertBlocks.message(group, this.portal.baseUrl().replaceAll("/+$", ""), buttons,
                this.actions.silencesConfigured());
    }

    private List<LayoutBlock> withSuspects(GroupView group) {
        List<LayoutBlock> blocks = new ArrayList<>(blocks(group, false));
        String reply = suspects(group);
        if (reply != null) {
            blocks.add(section(s -> s.text(markdownText(reply))));
        }
        return blocks;
    }

    private String suspects(GroupView group) {
        AlertView first = group.alerts().get(0);
        if (first.app() == null) {
            return null;
        }
        int window = this.properties.suspectWindowMinutes();
        return AlertBlocks.suspects(first, this.changes.of(first.app(), first.startsAt(), window, 1), window,
                this.clock.instant());
    }

    private GroupView view(String key, Record row) {
        List<Value> alerts = row.get("alerts").asList(v -> v);
        Map<String, Integer> radius = this.queries.blastRadiusSizes(
                alerts.stream().map(a -> a.get("app").asString(null)).filter(Objects::nonNull).distinct().toList());
        List<AlertView> views = alerts.stream().map(a -> alert(a, radius)).toList();
        return new GroupView(key, row.get("episode").asLong(), row.get("status").asString(),
                row.get("channel").asString(null), row.get("ts").asString(null),
                row.get("suspectsPosted").asBoolean(false), row.get("total").asInt(), views);
    }

    private static AlertView alert(Value a, Map<String, Integer> radius) {
        String app = a.get("app").asString(null);
        String runbook = a.get("runbookAnnotation").asString(null);
        return new AlertView(a.get("name").asString(), a.get("severity").asString(null), a.get("status").asString(),
                Values.offsetDateTime(a.get("startsAt")), Values.offsetDateTime(a.get("endsAt")),
                a.get("summary").asString(null), a.get("description").asString(null),
                (runbook != null) ? runbook : a.get("runbookUrl").asString(null), a.get("namespace").asString(null),
                a.get("pod").asString(null), a.get("container").asString(null), app, a.get("appLabel").asString(null),
                a.get("squad").asString(null), a.get("squadChannel").asString(null), person(a.get("owner")),
                person(a.get("buddy")), person(a.get("acknowledgedBy")), Values.offsetDateTime(a.get("acknowledgedAt")),
                Values.offsetDateTime(a.get("silencedUntil")), person(a.get("silencedBy")),
                (app != null) ? radius.getOrDefault(app, 0) : 0);
    }

    private static PersonView person(Value value) {
        if (value.isNull()) {
            return null;
        }
        return new PersonView(value.get("handle").asString(), value.get("name").asString(null),
                value.get("active").asBoolean(true));
    }

}
