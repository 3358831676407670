package io.appgraph.cost;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Log volume taken from Grafana Loki's volume API, here a local stand-in answering
 * {@code /loki/api/v1/index/volume} in Loki's JSON shape (Debian has no Loki): a day per
 * request, per app and level, the rest unattributed; complete days are not asked twice.
 */
class LokiLogVolumeIT extends IntegrationTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Autowired
    private PlatformPulls pulls;

    private HttpServer loki;

    private final List<Map<String, String>> asked = new CopyOnWriteArrayList<>();

    private volatile int status = 200;

    @BeforeEach
    void lokiAndEstate() throws IOException {
        new Fixtures(this.driver).squad("payments").person("ana", "payments").app("checkout", "payments", "ana");
        this.loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.loki.createContext("/loki/api/v1/index/volume", exchange -> {
            Map<String, String> query = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            this.asked.add(query);
            String body = (this.status != 200) ? "{\"status\":\"error\",\"error\":\"too many outstanding requests\"}"
                    : """
                            {"status":"success","data":{"resultType":"vector","result":[
                              {"metric":{"app":"checkout","level":"info"},"value":[%1$s,"%2$d"]},
                              {"metric":{"app":"checkout","detected_level":"debug"},"value":[%1$s,"%3$d"]},
                              {"metric":{"service_name":"ghost"},"value":[%1$s,"%4$d"]}]}}
                            """.formatted(query.get("end"), (long) (2 * GIB), (long) GIB, (long) (GIB / 2));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(this.status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        this.loki.start();
    }

    @AfterEach
    void stopLoki() {
        this.loki.stop(0);
    }

    @Test
    void eachDaysVolumeIsTakenPerAppAndLevelOnceTheDayIsComplete() {
        URI url = URI.create("http://127.0.0.1:" + this.loki.getAddress().getPort());
        this.pulls.logVolumes("prod", url, "{namespace=~\".+\"}");

        // rollup-days (15) days, today so far included.
        assertThat(this.asked).hasSize(15);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> yesterday = this.asked.get(13);
        assertThat(yesterday).containsEntry("query", "{namespace=~\".+\"}")
            .containsEntry("targetLabels", LogVolumes.TARGET_LABELS)
            .containsEntry("start", Long.toString(today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()))
            .containsEntry("end", Long.toString(today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
        assertThat(count("MATCH (l:LogVolumeDay {app: 'checkout'}) RETURN count(l)")).isEqualTo(15);
        assertThat(count("""
                MATCH (l:LogVolumeDay {app: 'checkout', day: date() - duration('P1D')})
                RETURN toInteger(l.bytes)""")).isEqualTo((long) (3 * GIB));
        // 3 GiB at 0.50 a GiB, and ghost's half GiB unattributed.
        assertThat(count("""
                MATCH (l:LogVolumeDay {app: 'checkout', day: date() - duration('P1D')})
                RETURN toInteger(round(l.cost * 1000))""")).isEqualTo(1500);
        assertThat(count("""
                MATCH (x:UnattributedCostDay {reason: "app 'ghost' is not in the catalog"})
                WHERE x.day = date() - duration('P1D') RETURN toInteger(round(x.logging * 1000))""")).isEqualTo(250);

        // Asked again, only today (not yet complete) is asked for.
        this.asked.clear();
        this.pulls.logVolumes("prod", url, "{namespace=~\".+\"}");
        assertThat(this.asked).hasSize(1);
        assertThat(this.asked.get(0)).containsEntry("start",
                Long.toString(today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
    }

    @Test
    void aFailingLokiWritesNothingAndSaysWhy() {
        this.status = 429;
        URI url = URI.create("http://127.0.0.1:" + this.loki.getAddress().getPort());
        assertThatThrownBy(() -> this.pulls.logVolumes("prod", url, "{namespace=~\".+\"}"))
            .hasMessageContaining("Loki at " + url + " answered 429: too many outstanding requests");
        assertThat(count("MATCH (l:LogVolumeDay) RETURN count(l)")).isZero();
    }

}
