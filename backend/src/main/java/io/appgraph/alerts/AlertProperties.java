package io.appgraph.alerts;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are tied to apps and enriched.
 *
 * @param appLabels the alert labels that may name the app, tried in this order: the first
 * whose value is an app in the catalog wins (env {@code APPGRAPH_ALERTS_APP_LABELS},
 * comma-separated)
 * @param suspectWindowMinutes how far back from an alert's start releases count as its
 * suspects, in minutes (env {@code APPGRAPH_ALERTS_SUSPECT_WINDOW_MINUTES})
 */
@ConfigurationProperties("appgraph.alerts")
record AlertProperties(@DefaultValue( {
        "app", "app_kubernetes_io_name", "service", "job" }) List<String> appLabels,
        @DefaultValue("30") int suspectWindowMinutes){
}
