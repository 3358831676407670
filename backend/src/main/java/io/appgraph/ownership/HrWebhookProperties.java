package io.appgraph.ownership;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HR system's leaver feed {@code POST /api/hr/leavers}.
 *
 * @param hrSecret the shared secret HR signs each body with (HMAC-SHA256); unset or blank
 * turns the endpoint off (404), it is never open (env
 * {@code APPGRAPH_WEBHOOKS_HR_SECRET})
 */
@ConfigurationProperties("appgraph.webhooks")
record HrWebhookProperties(String hrSecret) {

    boolean enabled() {
        return this.hrSecret != null && !this.hrSecret.isBlank();
    }

    // A record would print its secret wherever it is logged.
    @Override
    public String toString() {
        return "HrWebhookProperties[hrSecret=" + (enabled() ? "(set)" : "(unset)") + "]";
    }

}
