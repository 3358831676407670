package io.appgraph.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Without a login ({@code appgraph.security.mode=local}, the default) appgraph is never
 * open by accident, whatever database it uses: it listens on the loopback interface only
 * unless its operator says otherwise out loud. In {@code oidc} mode everything but the
 * health checks needs a login or its own secret, so it listens where
 * {@code server.address} says.
 * <ul>
 * <li>{@code server.address} unset: {@code 127.0.0.1}.</li>
 * <li>{@code appgraph.security.allow-anonymous-network=true}: where
 * {@code server.address} says, every interface when it is unset, with a warning at
 * start-up that reads and writes are open to anyone who can reach the port (as in a
 * Kubernetes pod behind a NetworkPolicy).</li>
 * <li>{@code server.address} set to anything but a loopback address without that opt-in:
 * appgraph refuses to start and says why.</li>
 * </ul>
 * The webhooks, SCIM and Slack endpoints keep their own secrets either way.
 */
class LoopbackUnlessExposed implements EnvironmentPostProcessor {

    static final String EXPOSE = "appgraph.security.allow-anonymous-network";

    /** The opt-in's first name, still honoured for configurations written with it. */
    static final String EXPOSE_FORMER_NAME = "appgraph.security.expose-without-login";

    private final Log log;

    LoopbackUnlessExposed(DeferredLogFactory logs) {
        this.log = logs.getLog(LoopbackUnlessExposed.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("oidc".equalsIgnoreCase(environment.getProperty("appgraph.security.mode", "local").trim())) {
            return;
        }
        boolean exposed = environment.getProperty(EXPOSE, Boolean.class, false);
        if (!exposed && environment.getProperty(EXPOSE_FORMER_NAME, Boolean.class, false)) {
            this.log.warn(EXPOSE_FORMER_NAME + " is now called " + EXPOSE + "; the old name still works for now.");
            exposed = true;
        }
        String address = environment.getProperty("server.address");
        if (exposed) {
            this.log.warn(("appgraph listens on %s with no login: anyone who can reach its port can read the "
                    + "estate and change it (%s=true). Keep it behind a NetworkPolicy or firewall, or set "
                    + "appgraph.security.mode=oidc.")
                .formatted(StringUtils.hasText(address) ? address : "every interface", EXPOSE));
            return;
        }
        if (!StringUtils.hasText(address)) {
            environment.getPropertySources()
                .addLast(new MapPropertySource("appgraph-loopback-only", Map.of("server.address", "127.0.0.1")));
            return;
        }
        if (!loopback(address)) {
            throw new IllegalStateException(("server.address is %s, but appgraph.security.mode is local (no login): "
                    + "anyone who can reach that address could read the estate and change it. Set "
                    + "appgraph.security.mode=oidc to require a login, leave server.address unset to listen on "
                    + "127.0.0.1 only, or set %s=true to accept an open server.")
                .formatted(address, EXPOSE));
        }
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

}
