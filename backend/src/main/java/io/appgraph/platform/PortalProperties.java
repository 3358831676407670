package io.appgraph.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal: where people open appgraph, and which of its pages are served.
 *
 * @param baseUrl the portal's address, such as {@code https://appgraph.example.com}; an
 * app's page is {@code <baseUrl>/apps/<name>}, used for links in notices (env
 * {@code APPGRAPH_PORTAL_BASE_URL})
 * @param graphiql whether {@code /graphiql} (GraphiQL, bundled into the portal) is
 * served; off in the {@code prod} profile
 */
@ConfigurationProperties("appgraph.portal")
public record PortalProperties(@DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("true") boolean graphiql) {

    /** The address of an app's page in the portal. */
    public String appPage(String app) {
        return this.baseUrl.replaceAll("/+$", "") + "/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8);
    }

    /** The address of a squad's cost page in the portal. */
    public String squadCostPage(String squad) {
        return this.baseUrl.replaceAll("/+$", "") + "/squads/" + URLEncoder.encode(squad, StandardCharsets.UTF_8)
                + "/cost";
    }

    /** The address of the platform dashboard in the portal. */
    public String platformPage() {
        return this.baseUrl.replaceAll("/+$", "") + "/platform";
    }

}
