package io.appgraph.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.appgraph.releases.ChangeBefore;
import io.appgraph.releases.Release;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The Block Kit of an alert group's Slack message and of its thread reply about suspect
 * releases: what an on-call engineer needs without leaving Slack. Pure: the
 * {@link AlertMessages} sender reads the group and hands it here.
 */
final class AlertBlocks {

    /** The action id of the "I'm on it" button; its value is the group's key. */
    static final String ACKNOWLEDGE = "alert_ack";

    /** The action id of the "Silence 1 h" button; its value is the group's key. */
    static final String SILENCE_HOUR = "alert_silence_1h";

    // Slack's limits: 150 characters of header, 2,000 of a button's value, 10 fields.
    private static final int MAX_HEADER = 150;

    private static final int MAX_VALUE = 2000;

    private static final int MAX_LISTED = 10;

    private AlertBlocks() {
    }

    /** The fallback text of the group's message, shown in notifications. */
    static String text(GroupView group) {
        AlertView first = group.alerts().get(0);
        StringBuilder text = new StringBuilder(group.firing() ? "FIRING: " : "RESOLVED: ").append(first.name())
            .append(" on ")
            .append(first.appOrLabel());
        if (first.owner() != null) {
            text.append(", owner ").append(first.owner().handle());
        }
        if (first.squad() != null) {
            text.append(", squad ").append(first.squad());
        }
        return text.toString();
    }

    /**
     * The group's message as it stands.
     * @param buttons whether to offer "I'm on it" and "Silence 1 h" (a bot message while
     * the group fires; an incoming webhook cannot take clicks)
     * @param silences whether silences can be created (Alertmanager's URL is set)
     */
    static List<LayoutBlock> message(GroupView group, String portal, boolean buttons, boolean silences) {
        AlertView first = group.alerts().get(0);
        List<LayoutBlock> blocks = new ArrayList<>();
        int others = group.total() - 1;
        String title = (group.firing() ? "🔥 FIRING: " : "✅ RESOLVED: ") + first.name() + " on " + first.appOrLabel()
                + ((others > 0) ? " and %d more".formatted(others) : "");
        blocks.add(header(h -> h.text(plainText(clip(title, MAX_HEADER)))));
        String what = "*" + escape((first.summary() != null) ? first.summary() : first.name()) + "*"
                + ((first.description() != null) ? "\n" + escape(clip(first.description(), 1000)) : "");
        blocks.add(section(s -> s.text(markdownText(what))));
        blocks.add(section(s -> s.fields(fields(first, portal))));
        if (group.alerts().size() > 1) {
            StringBuilder listed = new StringBuilder("*Also in this group:*");
            for (AlertView alert : group.alerts().subList(1, Math.min(group.alerts().size(), MAX_LISTED))) {
                listed.append("\n• `")
                    .append(escape(alert.name()))
                    .append("` on ")
                    .append(appLink(alert, portal))
                    .append(alert.firing() ? " — firing since " + time(alert.startsAt())
                            : " — resolved " + time(alert.endsAt()));
            }
            if (group.total() > MAX_LISTED) {
                listed.append("\n…and ").append(group.total() - MAX_LISTED).append(" more");
            }
            blocks.add(section(s -> s.text(markdownText(listed.toString()))));
        }
        List<ContextBlockElement> state = new ArrayList<>();
        state.add(markdownText(first.firing() ? "Firing since " + time(first.startsAt()) : "Resolved %s, after %s"
            .formatted(time(first.endsAt()), duration(Duration.between(first.startsAt(), first.endsAt())))));
        state.add(markdownText((first.acknowledgedBy() != null)
                ? "👤 Owned by *%s* since %s".formatted(escape(first.acknowledgedBy().display()),
                        time(first.acknowledgedAt()))
                : group.firing() ? "Nobody has taken it on yet" : "Nobody took it on"));
        if (first.silencedUntil() != null) {
            state.add(markdownText("🔕 Silenced until %s%s".formatted(time(first.silencedUntil()),
                    (first.silencedBy() != null) ? " by " + escape(first.silencedBy().display()) : "")));
        }
        blocks.add(context(c -> c.elements(state)));
        List<BlockElement> elements = new ArrayList<>();
        boolean clickable = buttons && group.firing() && group.key().length() <= MAX_VALUE;
        if (clickable && group.alerts().stream().anyMatch(a -> a.firing() && a.acknowledgedBy() == null)) {
            elements.add(button(
                    b -> b.text(plainText("I'm on it")).actionId(ACKNOWLEDGE).value(group.key()).style("primary")));
        }
        if (clickable && silences && first.silencedUntil() == null) {
            elements.add(button(b -> b.text(plainText("Silence 1 h")).actionId(SILENCE_HOUR).value(group.key())));
        }
        if (first.app() != null) {
            elements.add(button(b -> b.text(plainText("Open " + first.app() + " in appgraph"))
                .url(portal + "/apps/" + first.app())
                .actionId("alert_open")));
        }
        if (!elements.isEmpty()) {
            blocks.add(actions(a -> a.elements(elements)));
        }
        return blocks;
    }

    /**
     * The thread reply about the releases that may have caused the alert: on its app
     * (distance 0) or on an app it calls (distance 1), newest first.
     */
    static String suspects(AlertView alert, List<ChangeBefore<Release>> changes, int windowMinutes, Instant now) {
        if (alert.app() == null) {
            return null;
        }
        if (changes.isEmpty()) {
            return "No release of %s or of the apps it calls started in the %d minutes before this alert."
                .formatted(alert.app(), windowMinutes);
        }
        StringBuilder text = new StringBuilder("🔎 *Released shortly before this alert started:*");
        for (ChangeBefore<Release> change : changes.subList(0, Math.min(changes.size(), MAX_LISTED))) {
            Release release = change.release();
            text.append("\n• *").append(escape(release.appName())).append('*');
            if (change.distance() > 0) {
                text.append(" (called by ").append(escape(alert.app())).append(')');
            }
            if (release.version() != null) {
                text.append(" `").append(escape(release.version())).append('`');
            }
            if (release.commit() != null) {
                String commit = release.commit();
                text.append(", commit `")
                    .append(escape((commit.length() > 12) ? commit.substring(0, 12) : commit))
                    .append('`');
            }
            text.append(" — ").append(when(release, now));
            long before = Duration.between(release.startedAt(), alert.startsAt()).toMinutes();
            text.append(", started ").append(minutes(before)).append(" before the alert");
            if (release.pipelineUrl() != null) {
                text.append(" · <").append(release.pipelineUrl()).append("|pipeline>");
            }
        }
        return text.toString();
    }

    private static String when(Release release, Instant now) {
        String status = String.valueOf(release.status());
        if (release.finishedAt() == null) {
            return "release in progress, started " + ago(release.startedAt(), now);
        }
        return switch (status) {
            case "FAILED" -> "failed " + ago(release.finishedAt(), now);
            case "ROLLED_BACK" -> "rolled back " + ago(release.finishedAt(), now);
            default -> "released " + ago(release.finishedAt(), now);
        };
    }

    private static List<TextObject> fields(AlertView alert, String portal) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*App*\n" + appLink(alert, portal)));
        fields
            .add(markdownText("*Squad*\n" + ((alert.squad() != null)
                    ? escape(alert.squad())
                            + ((alert.squadChannel() != null) ? " (" + escape(alert.squadChannel()) + ")" : "")
                    : "none")));
        String owner;
        if (alert.owner() == null) {
            owner = (alert.app() != null) ? "⚠️ nobody: <%s/ownership|find an owner>".formatted(portal) : "unknown";
        }
        else if (!alert.owner().active()) {
            owner = "⚠️ %s has left: <%s/ownership|find a new owner>".formatted(escape(alert.owner().display()),
                    portal);
        }
        else {
            owner = escape(alert.owner().display());
        }
        fields.add(markdownText("*Owner*\n" + owner));
        fields
            .add(markdownText("*Ops buddy*\n" + ((alert.buddy() != null) ? escape(alert.buddy().display()) : "none")));
        fields.add(markdownText("*Runbook*\n"
                + ((alert.runbook() != null) ? "<%s|Open the runbook>".formatted(alert.runbook()) : "none known")));
        fields.add(markdownText("*Blast radius*\n" + ((alert.app() == null) ? "unknown"
                : (alert.blastRadius() == 0) ? "no app depends on " + escape(alert.app())
                        : "%d app%s depend%s on %s".formatted(alert.blastRadius(),
                                (alert.blastRadius() == 1) ? "" : "s", (alert.blastRadius() == 1) ? "s" : "",
                                escape(alert.app())))));
        if (alert.severity() != null) {
            fields.add(markdownText("*Severity*\n" + escape(alert.severity())));
        }
        String where = String.join(" / ",
                Stream.of(alert.namespace(), alert.pod(), alert.container())
                    .filter(part -> part != null && !part.isBlank())
                    .toList());
        if (!where.isEmpty()) {
            fields.add(markdownText("*Where*\n`" + escape(where) + "`"));
        }
        return fields;
    }

    private static String appLink(AlertView alert, String portal) {
        if (alert.app() != null) {
            return "<%s/apps/%s|%s>".formatted(portal, alert.app(), escape(alert.app()));
        }
        return (alert.appLabel() != null) ? "`" + escape(alert.appLabel()) + "` (not in the catalog)" : "no app label";
    }

    // Slack shows the reader's own time zone; the fallback is UTC.
    private static String time(OffsetDateTime time) {
        if (time == null) {
            return "?";
        }
        return "<!date^%d^{date_short_pretty} at {time}|%s>".formatted(time.toEpochSecond(), time.toInstant());
    }

    private static String ago(OffsetDateTime then, Instant now) {
        return minutes(Duration.between(then.toInstant(), now).toMinutes()) + " ago";
    }

    private static String minutes(long minutes) {
        if (minutes < 1) {
            return "less than a minute";
        }
        if (minutes < 120) {
            return minutes + ((minutes == 1) ? " minute" : " minutes");
        }
        return duration(Duration.ofMinutes(minutes));
    }

    private static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 120) {
            return (minutes < 1) ? "less than a minute" : minutes + ((minutes == 1) ? " minute" : " minutes");
        }
        long hours = duration.toHours();
        if (hours < 48) {
            return "%d h %02d min".formatted(hours, minutes % 60);
        }
        return "%d days".formatted(duration.toDays());
    }

    private static String clip(String text, int max) {
        return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
    }

    // Slack's mrkdwn gives &, < and > meaning: names are shown as written.
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * An alert group as its message shows it.
     *
     * @param key the group's key, the buttons' value
     * @param suspectsPosted whether the suspects' reply is in the message's thread
     * @param total how many alerts the group holds (the listed ones are the first)
     * @param alerts firing ones first, then by start
     */
    record GroupView(String key, long episode, String status, String channel, String ts, boolean suspectsPosted,
            int total, List<AlertView> alerts) {

        boolean firing() {
            return "FIRING".equals(this.status);
        }

    }

    /** One alert of a group, enriched from the graph. */
    record AlertView(String name, String severity, String status, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String summary, String description, String runbook, String namespace, String pod, String container,
            String app, String appLabel, String squad, String squadChannel, PersonView owner, PersonView buddy,
            PersonView acknowledgedBy, OffsetDateTime acknowledgedAt, OffsetDateTime silencedUntil,
            PersonView silencedBy, int blastRadius) {

        boolean firing() {
            return "FIRING".equals(this.status);
        }

        String appOrLabel() {
            return (this.app != null) ? this.app : (this.appLabel != null) ? this.appLabel : "an unknown app";
        }

    }

    /** A person as a message names them. */
    record PersonView(String handle, String name, boolean active) {

        String display() {
            return (this.name != null && !this.name.isBlank()) ? "%s (%s)".formatted(this.name, this.handle)
                    : this.handle;
        }

    }

}
