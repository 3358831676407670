package io.appgraph.platform;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.appgraph.ExternalNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without a login (local mode) appgraph is never open by accident: on an external
 * database, as production runs it, it still listens on loopback only; an open address
 * needs an explicit opt-in, which it warns about. Checked by connecting, not by reading
 * settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenAddressIT {

    private static final ExternalNeo4j database = ExternalNeo4j.start();

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void onAnExternalDatabaseItListensOnLoopbackOnly() {
        try (ConfigurableApplicationContext app = start()) {
            int port = ExternalNeo4j.port(app);
            assertThat(reachable(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1").isTrue();
            Optional<InetAddress> outside = nonLoopbackAddress();
            outside.ifPresent(address -> assertThat(reachable(address, port)).as(address.getHostAddress()).isFalse());
            assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void anOpenAddressWithoutTheOptInIsRefusedAtStartUp() {
        assertThatThrownBy(() -> start("--server.address=0.0.0.0").close())
            .hasMessageContaining("server.address is 0.0.0.0, but appgraph.security.mode is local (no login)")
            .hasMessageContaining("appgraph.security.allow-anonymous-network=true")
            .hasMessageContaining("appgraph.security.mode=oidc");
    }

    @Test
    void theOptInListensEverywhereAndSaysSoLoudly(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("--appgraph.security.allow-anonymous-network=true")) {
            int port = ExternalNeo4j.port(app);
            assertThat(reachable(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1").isTrue();
            nonLoopbackAddress()
                .ifPresent(address -> assertThat(reachable(address, port)).as(address.getHostAddress()).isTrue());
            assertThat(output).contains("WARN")
                .contains("appgraph listens on every interface with no login: anyone who can reach its port can "
                        + "read the estate and change it");
        }
    }

    @Test
    void theOptInsFormerNameStillWorksWithAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("--appgraph.security.expose-without-login=true")) {
            nonLoopbackAddress().ifPresent(
                    address -> assertThat(reachable(address, ExternalNeo4j.port(app))).as(address.getHostAddress())
                        .isTrue());
            assertThat(output).contains(
                    "appgraph.security.expose-without-login is now called appgraph.security.allow-anonymous-network");
        }
    }

    @Test
    void withALoginItListensEverywhereWithoutAnOptIn() {
        try (ConfigurableApplicationContext app = start("--appgraph.security.mode=oidc",
                "--appgraph.security.oidc.issuer-uri=http://127.0.0.1:9/unreachable-issuer",
                "--appgraph.security.oidc.client-id=appgraph-portal")) {
            int port = ExternalNeo4j.port(app);
            assertThat(reachable(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1").isTrue();
            nonLoopbackAddress()
                .ifPresent(address -> assertThat(reachable(address, port)).as(address.getHostAddress()).isTrue());
        }
    }

    private static ConfigurableApplicationContext start(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--appgraph.ownership.sweep-enabled=false"));
        arguments.addAll(List.of(more));
        return database.appgraph(arguments.toArray(String[]::new));
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** An IPv4 address of this machine other than loopback, when it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                .filter(ListenAddressIT::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        }
        catch (SocketException ex) {
            return Optional.empty();
        }
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        }
        catch (SocketException ex) {
            return false;
        }
    }

}
