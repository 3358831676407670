package io.appgraph.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The Alertmanager that silences are created in.
 *
 * @param url Alertmanager's base URL, such as {@code http://alertmanager:9093}; unset,
 * {@code silenceAlert} answers that silences are off (env
 * {@code APPGRAPH_ALERTMANAGER_URL})
 * @param timeout the longest one call to Alertmanager may take, connecting included (env
 * {@code APPGRAPH_ALERTMANAGER_TIMEOUT})
 */
@ConfigurationProperties("appgraph.alertmanager")
record AlertmanagerProperties(String url, @DefaultValue("5s") Duration timeout) {

    boolean configured() {
        return StringUtils.hasText(this.url);
    }

}
