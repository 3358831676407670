package io.appgraph.releases;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pipelines' webhook {@code POST /api/pipelines/events}.
 *
 * @param pipelineSecret the shared secret pipelines sign each body with (HMAC-SHA256);
 * unset or blank turns the endpoint off (404), it is never open (env
 * {@code APPGRAPH_WEBHOOKS_PIPELINE_SECRET})
 */
@ConfigurationProperties("appgraph.webhooks")
record PipelineWebhookProperties(String pipelineSecret) {

    boolean enabled() {
        return this.pipelineSecret != null && !this.pipelineSecret.isBlank();
    }

    // A record would print its secret wherever it is logged.
    @Override
    public String toString() {
        return "PipelineWebhookProperties[pipelineSecret=" + (enabled() ? "(set)" : "(unset)") + "]";
    }

}
