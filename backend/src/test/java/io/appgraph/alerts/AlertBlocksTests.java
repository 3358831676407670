package io.appgraph.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.appgraph.alerts.AlertBlocks.AlertView;
import io.appgraph.alerts.AlertBlocks.GroupView;
import io.appgraph.alerts.AlertBlocks.PersonView;
import io.appgraph.releases.ChangeBefore;
import io.appgraph.releases.Release;
import io.appgraph.releases.ReleaseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertBlocksTests {

    private static final OffsetDateTime STARTS = OffsetDateTime.of(2026, 11, 28, 9, 0, 0, 0, ZoneOffset.UTC);

    private static final Instant NOW = STARTS.plusMinutes(20).toInstant();

    @Test
    void anOwnerWhoLeftIsFlaggedWithWhereToFindANewOne() {
        String text = render(group(alert("checkout", new PersonView("lea", "Lea", false))));

        assertThat(text)
            .contains("*Owner*\n⚠️ Lea (lea) has left: <https://portal.example.com/ownership|find a new owner>");
    }

    @Test
    void anUnmatchedAlertNamesWhatItsLabelsSaid() {
        AlertView ghost = new AlertView("Down", null, "FIRING", STARTS, null, null, null, null, null, null, null, null,
                "ghost", null, null, null, null, null, null, null, null, 0);
        String text = render(group(ghost));

        assertThat(text).contains("🔥 FIRING: Down on ghost", "*App*\n`ghost` (not in the catalog)",
                "*Blast radius*\nunknown", "*Owner*\nunknown");
        assertThat(AlertBlocks.suspects(ghost, List.of(), 30, NOW)).isNull();
    }

    @Test
    void namesAreShownAsWrittenNotAsSlackMarkup() {
        AlertView alert = new AlertView("Odd", null, "FIRING", STARTS, null, "<!channel> & <b>", null, null, null, null,
                null, "checkout", "checkout", "payments", null, null, null, null, null, null, null, 3);
        assertThat(render(group(alert))).contains("*&lt;!channel&gt; &amp; &lt;b&gt;*")
            .contains("*Blast radius*\n3 apps depend on checkout");
    }

    @Test
    void theHeaderFitsSlacksLimit() {
        AlertView alert = new AlertView("X".repeat(200), null, "FIRING", STARTS, null, null, null, null, null, null,
                null, "checkout", "checkout", null, null, null, null, null, null, null, null, 0);
        List<LayoutBlock> blocks = AlertBlocks.message(group(alert), "https://portal.example.com", true, true);
        assertThat(((HeaderBlock) blocks.get(0)).getText().getText()).hasSize(150).endsWith("…");
    }

    @Test
    void suspectsSayWhatHappenedToEachReleaseAndHowLongAgo() {
        AlertView alert = alert("checkout", null);
        List<ChangeBefore<Release>> changes = List.of(
                new ChangeBefore<>(0, release("checkout", ReleaseStatus.FAILED, 25, 23)),
                new ChangeBefore<>(1, release("payments-api", ReleaseStatus.IN_PROGRESS, 28, null)));

        assertThat(AlertBlocks.suspects(alert, changes, 30, NOW)).isEqualTo(
                """
                        🔎 *Released shortly before this alert started:*
                        • *checkout* `1.2.3`, commit `0123456789ab` — failed 23 minutes ago, started 5 minutes before the alert · <https://ci.example.com/1|pipeline>
                        • *payments-api* (called by checkout) `1.2.3`, commit `0123456789ab` — release in progress, started 28 minutes ago, started 8 minutes before the alert · <https://ci.example.com/1|pipeline>""");
        assertThat(AlertBlocks.suspects(alert, List.of(), 30, NOW))
            .isEqualTo("No release of checkout or of the apps it calls started in the 30 minutes before this alert.");
    }

    private static Release release(String app, ReleaseStatus status, int startedAgo, Integer finishedAgo) {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        return new Release("run", app, "1.2.3", "0123456789abcdef", "https://ci.example.com/1", "prod", status,
                now.minusMinutes(startedAgo), (finishedAgo != null) ? now.minusMinutes(finishedAgo) : null, null, null);
    }

    private static AlertView alert(String app, PersonView owner) {
        return new AlertView("HighErrorRate", "critical", "FIRING", STARTS, null, "Errors", null, null, null, null,
                null, app, app, "payments", "#payments", owner, null, null, null, null, null, 0);
    }

    private static GroupView group(AlertView alert) {
        return new GroupView("g", 0, "FIRING", null, null, false, 1, List.of(alert));
    }

    private static String render(GroupView group) {
        return GsonFactory.createSnakeCase()
            .toJson(AlertBlocks.message(group, "https://portal.example.com", true, true))
            .replace("\\n", "\n")
            .replace("\\u003c", "<")
            .replace("\\u003e", ">")
            .replace("\\u0026", "&")
            .replace("\\u0027", "'");
    }

}
