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
 * appgraph has no login of its own yet, so it is never open by accident, whatever
 * database it uses: it listens on the loopback interface only unless its operator says
 * otherwise out loud.
 * <ul>
 * <li>{@code server.address} unset: {@code 127.0.0.1}.</li>
 * <li>{@code appgraph.security.expose-without-login=true}: where {@code server.address}
 * says, every interface when it is unset, with a warning at start-up that reads and
 * writes are open to anyone who can reach the port (as in a Kubernetes pod behind a
 * NetworkPolicy).</li>
 * <li>{@code server.address} set to anything but a loopback address without that opt-in:
 * appgraph refuses to start and says why.</li>
 * </ul>
 * The webhooks, SCIM and Slack endpoints keep their own secrets either way.
 */
class LoopbackUnlessExposed implements EnvironmentPostProcessor {

    static final String EXPOSE = "appgraph.security.expose-without-login";

    private final Log log;

    LoopbackUnlessExposed(DeferredLogFactory logs) {
        this.log = logs.getLog(LoopbackUnlessExposed.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean exposed = environment.getProperty(EXPOSE, Boolean.class, false);
        String address = environment.getProperty("server.address");
        if (exposed) {
            this.log.warn(("appgraph listens on %s with no login: anyone who can reach its port can read the "
                    + "estate and change it (%s=true). Keep it behind a NetworkPolicy or firewall.")
                .formatted(StringUtils.hasText(address) ? address : "every interface", EXPOSE));
            return;
        }
        if (!StringUtils.hasText(address)) {
            environment.getPropertySources()
                .addLast(new MapPropertySource("appgraph-loopback-only", Map.of("server.address", "127.0.0.1")));
            return;
        }
        if (!loopback(address)) {
            throw new IllegalStateException(("server.address is %s, but appgraph has no login yet: anyone who can "
                    + "reach that address could read the estate and change it. Leave server.address unset to "
                    + "listen on 127.0.0.1 only, or set %s=true to accept an open server.")
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
