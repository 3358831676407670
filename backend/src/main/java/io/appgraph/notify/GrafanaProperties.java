package io.appgraph.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where release annotations go. Annotations are sent only when both the URL and the token
 * are set; otherwise Grafana messages stay in the outbox until its retention drops them.
 *
 * @param url Grafana's base URL, such as {@code https://grafana.example.com} (env
 * {@code APPGRAPH_GRAFANA_URL})
 * @param token a Grafana service account token allowed to write annotations, sent as a
 * bearer token and never logged (env {@code APPGRAPH_GRAFANA_TOKEN})
 * @param connectTimeout how long to wait for a connection to Grafana (env
 * {@code APPGRAPH_GRAFANA_CONNECT_TIMEOUT})
 * @param readTimeout how long to wait for Grafana's answer (env
 * {@code APPGRAPH_GRAFANA_READ_TIMEOUT})
 */
@ConfigurationProperties("appgraph.grafana")
record GrafanaProperties(String url, String token, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {

    boolean configured() {
        return StringUtils.hasText(this.url) && StringUtils.hasText(this.token);
    }

    @Override
    public String toString() {
        return "GrafanaProperties[url=%s, token=%s, connectTimeout=%s, readTimeout=%s]".formatted(this.url,
                StringUtils.hasText(this.token) ? "(set)" : "(unset)", this.connectTimeout, this.readTimeout);
    }

}
