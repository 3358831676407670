package io.appgraph.releases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pipeline events are recorded.
 *
 * @param registerUnknownApps when true, a pipeline event naming an app the catalog lacks
 * registers that app (by name alone) instead of being refused (env
 * {@code APPGRAPH_RELEASES_REGISTER_UNKNOWN_APPS})
 */
@ConfigurationProperties("appgraph.releases")
record ReleaseProperties(@DefaultValue("false") boolean registerUnknownApps) {
}
