package io.appgraph.ownership;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The HR feed without a secret: off, whatever is sent, and touching nothing. */
class LeaverFeedControllerTests {

    @Test
    void withoutASecretTheFeedIsNotThere() {
        for (String secret : new String[] { null, "", "  " }) {
            // No writer and no database: a call that got past the check would fail.
            LeaverFeedController feed = new LeaverFeedController(new HrWebhookProperties(secret), null, null,
                    JsonMapper.builder().build());

            ResponseEntity<Map<String, Object>> answer = feed.leavers(
                    "{\"leavers\":[{\"handle\":\"ann\"}]}".getBytes(StandardCharsets.UTF_8), "sha256=00",
                    "application/json");

            assertThat(answer.getStatusCode().value()).isEqualTo(404);
            assertThat(answer.getBody()).containsEntry("details",
                    List.of("The HR leaver feed is off: appgraph.webhooks.hr-secret is not set"));
        }
    }

    @Test
    void theSecretNeverShowsInItsDescription() {
        assertThat(new HrWebhookProperties("s3cr3t-value")).hasToString("HrWebhookProperties[hrSecret=(set)]");
    }

}
