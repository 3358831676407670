package io.appgraph.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.webhook.Payload;
import io.appgraph.platform.PortalProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Slack message of an ownership notice, built from its outbox payload. */
class SlackNoticesTests {

    private final SlackNotices notices = new SlackNotices(new SlackProperties(null, Duration.ofSeconds(1)),
            new PortalProperties("https://appgraph.example.com", true), null);

    @Test
    void anAppWithoutOwnerOrSquadSaysSo() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", "NO_OWNER");
        payload.put("app", "orphan");
        payload.put("suggestions", List.of());

        Payload message = this.notices.message(payload);

        assertThat(message.getText()).isEqualTo("orphan has no developer owner");
        assertThat(((HeaderBlock) message.getBlocks().get(0)).getText().getText()).isEqualTo("orphan: no owner");
        assertThat(section(message, 1)).isEqualTo(
                "*<https://appgraph.example.com/apps/orphan|orphan>* has no developer owner.\nNo squad is responsible for it either.");
        assertThat(section(message, 2)).isEqualTo("*Suggested owners:* none; the squad has no other active member.");
    }

    @Test
    void namesAreShownAsWrittenNotAsSlackMarkup() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", "OWNER_LEFT");
        payload.put("app", "checkout");
        payload.put("squad", "payments");
        payload.put("formerOwner", "ann");
        payload.put("formerOwnerName", "Ann <@here> & Co");
        payload.put("suggestions", List.of(Map.of("handle", "bob", "reason", "RECENT_RELEASER")));

        Payload message = this.notices.message(payload);

        assertThat(section(message, 1)).contains("*Ann &lt;@here&gt; &amp; Co* (`ann`)").contains("Squad: *payments*");
        assertThat(section(message, 2)).isEqualTo("*Suggested owners:*\n• `bob` (released it recently)");
    }

    @Test
    void aNoticeWithoutAnAppIsRefused() {
        assertThatExceptionOfType(DeliveryException.class).isThrownBy(() -> this.notices.message(Map.of()))
            .withMessage("The ownership notice names no app");
    }

    private static String section(Payload message, int index) {
        return ((SectionBlock) message.getBlocks().get(index)).getText().getText();
    }

}
