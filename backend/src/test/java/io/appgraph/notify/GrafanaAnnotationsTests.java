package io.appgraph.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a release event looks like as a Grafana annotation, and when the Grafana sender
 * exists at all.
 */
class GrafanaAnnotationsTests {

    @Test
    void aStartIsAnAnnotationTaggedWithItsAppAndSquadAtItsTime() {
        Map<String, Object> annotation = GrafanaAnnotations.annotation(Map.of("kind", "started", "app", "payments-api",
                "squad", "payments", "externalId", "run-1", "version", "1.4.2", "environment", "prod", "status",
                "IN_PROGRESS", "at", "2026-11-27T09:00:00Z", "pipelineUrl", "https://ci.example.com/runs/1"));

        assertThat(annotation).containsExactly(Map.entry("time", 1795770000000L),
                Map.entry("tags", List.of("release", "app:payments-api", "squad:payments")), Map.entry("text",
                        "payments-api 1.4.2 started (prod) <a href=\"https://ci.example.com/runs/1\">pipeline</a>"));
    }

    @Test
    void aFinishSaysHowItEndedAndLeavesOutWhatIsUnknown() {
        Map<String, Object> payload = new HashMap<>(Map.of("kind", "finished", "app", "search-api", "externalId",
                "run-2", "environment", "staging", "at", "2026-11-27T09:04:30.5Z"));
        for (Map.Entry<String, String> outcome : Map
            .of("SUCCEEDED", "succeeded", "FAILED", "failed", "ROLLED_BACK", "rolled back", "rolled_back",
                    "rolled back")
            .entrySet()) {
            payload.put("status", outcome.getKey());
            Map<String, Object> annotation = GrafanaAnnotations.annotation(payload);
            assertThat(annotation).containsEntry("time", 1795770270500L)
                .containsEntry("tags", List.of("release", "app:search-api"))
                .containsEntry("text", "search-api " + outcome.getValue() + " (staging)");
        }
    }

    @Test
    void textFromThePipelineIsEscaped() {
        Map<String, Object> annotation = GrafanaAnnotations
            .annotation(Map.of("kind", "started", "app", "web", "version", "<b>1</b>", "environment", "prod", "at",
                    "2026-11-27T09:00:00Z", "pipelineUrl", "https://ci.example.com/?a=1&b=\"2\""));

        assertThat(annotation).containsEntry("text",
                "web &lt;b&gt;1&lt;/b&gt; started (prod) <a href=\"https://ci.example.com/?a=1&amp;b=&quot;2&quot;\">pipeline</a>");
    }

    @Test
    void anEventWithoutAppOrTimeCannotBeDelivered() {
        assertThatExceptionOfType(DeliveryException.class)
            .isThrownBy(() -> GrafanaAnnotations.annotation(Map.of("kind", "started", "at", "2026-11-27T09:00:00Z")));
        assertThatExceptionOfType(DeliveryException.class).isThrownBy(
                () -> GrafanaAnnotations.annotation(Map.of("kind", "started", "app", "web", "at", "yesterday")));
    }

    @Test
    void theSenderExistsOnlyWhenBothUrlAndTokenAreSet() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(WhenConfigured.class);
        runner.run(context -> assertThat(context).doesNotHaveBean("grafanaConfigured"));
        runner.withPropertyValues("appgraph.grafana.url=http://grafana:3000")
            .run(context -> assertThat(context).doesNotHaveBean("grafanaConfigured"));
        runner.withPropertyValues("appgraph.grafana.url=http://grafana:3000", "appgraph.grafana.token= ")
            .run(context -> assertThat(context).doesNotHaveBean("grafanaConfigured"));
        runner.withPropertyValues("appgraph.grafana.token=glsa_secret")
            .run(context -> assertThat(context).doesNotHaveBean("grafanaConfigured"));
        runner.withPropertyValues("appgraph.grafana.url=http://grafana:3000", "appgraph.grafana.token=glsa_secret")
            .run(context -> assertThat(context).hasBean("grafanaConfigured"));
    }

    @Test
    void theTokenIsNeverPrinted() {
        GrafanaProperties properties = new GrafanaProperties("http://grafana:3000", "glsa_secret",
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThat(properties.toString()).doesNotContain("glsa_secret").contains("token=(set)");
    }

    @Configuration(proxyBeanMethods = false)
    static class WhenConfigured {

        @Bean
        @Conditional(OutboxConfiguration.GrafanaConfigured.class)
        String grafanaConfigured() {
            return "configured";
        }

    }

}
