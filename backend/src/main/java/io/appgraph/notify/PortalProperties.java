package io.appgraph.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people open appgraph, for links in notices.
 *
 * @param baseUrl the portal's address, such as {@code https://appgraph.example.com}; an
 * app's page is {@code <baseUrl>/apps/<name>} (env {@code APPGRAPH_PORTAL_BASE_URL})
 */
@ConfigurationProperties("appgraph.portal")
record PortalProperties(@DefaultValue("http://localhost:8080") String baseUrl) {

    String appPage(String app) {
        return this.baseUrl.replaceAll("/+$", "") + "/apps/"
                + java.net.URLEncoder.encode(app, java.nio.charset.StandardCharsets.UTF_8);
    }

}
