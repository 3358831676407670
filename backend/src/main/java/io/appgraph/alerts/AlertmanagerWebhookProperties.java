package io.appgraph.alerts;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Alertmanager's webhook {@code POST /api/alerts/alertmanager}.
 *
 * @param alertmanagerToken the bearer token Alertmanager sends
 * ({@code http_config.authorization.credentials} of its {@code webhook_config}); unset or
 * blank turns the endpoint off (404), it is never open (env
 * {@code APPGRAPH_WEBHOOKS_ALERTMANAGER_TOKEN})
 */
@ConfigurationProperties("appgraph.webhooks")
record AlertmanagerWebhookProperties(String alertmanagerToken) {

    boolean enabled() {
        return StringUtils.hasText(this.alertmanagerToken);
    }

    /**
     * Whether {@code authorization} is {@code Bearer <token>}, compared in constant time.
     */
    boolean authorizes(String authorization) {
        if (!enabled() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, this.alertmanagerToken.getBytes(StandardCharsets.UTF_8));
    }

    // A record would print its secret wherever it is logged.
    @Override
    public String toString() {
        return "AlertmanagerWebhookProperties[alertmanagerToken=" + (enabled() ? "(set)" : "(unset)") + "]";
    }

}
