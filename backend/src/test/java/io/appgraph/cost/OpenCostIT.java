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

/**
 * Compute cost taken from OpenCost's allocation API, here a local stand-in answering
 * {@code /allocation/compute} in OpenCost's JSON shape: OpenCost's {@code totalCost} per
 * app, its fields kept, idle and unallocated cost unattributed with their reasons.
 */
class OpenCostIT extends IntegrationTest {

    @Autowired
    private PlatformPulls pulls;

    private HttpServer opencost;

    private final List<Map<String, String>> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void opencostAndEstate() throws IOException {
        new Fixtures(this.driver).squad("payments").person("ana", "payments").app("checkout", "payments", "ana");
        this.opencost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.opencost.createContext("/allocation/compute", exchange -> {
            Map<String, String> query = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            this.asked.add(query);
            String body = """
                    {"code":200,"status":"success","data":[{
                      "checkout":{"name":"checkout","properties":{"labels":{"app":"checkout"}},
                        "window":{"start":"%1$s","end":"%2$s"},"minutes":1440,
                        "cpuCoreRequestAverage":2.0,"cpuCoreUsageAverage":0.5,"cpuCoreHours":48,"cpuCost":1.52,
                        "cpuEfficiency":0.25,"ramByteRequestAverage":1073741824,"ramByteUsageAverage":536870912,
                        "ramCost":0.1,"ramEfficiency":0.5,"pvCost":0,"networkCost":0,"totalCost":1.62},
                      "ghost":{"name":"ghost","cpuCoreRequestAverage":0.1,"totalCost":0.3},
                      "__idle__":{"name":"__idle__","cpuCost":4.0,"ramCost":1.0,"totalCost":5.0},
                      "__unallocated__":{"name":"__unallocated__","totalCost":0.7}}]}
                    """.formatted(query.get("window").split(",")[0], query.get("window").split(",")[1]);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        this.opencost.start();
    }

    @AfterEach
    void stopOpenCost() {
        this.opencost.stop(0);
    }

    @Test
    void eachDaysAllocationsBecomeTheAppsComputeCostAndIdleIsShownApart() {
        URI url = URI.create("http://127.0.0.1:" + this.opencost.getAddress().getPort());
        this.pulls.openCost("prod", url);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(this.asked).hasSize(15);
        assertThat(this.asked.get(13)).containsEntry("aggregate", "label:app")
            .containsEntry("accumulate", "true")
            .containsEntry("window", today.minusDays(1) + "T00:00:00Z," + today + "T00:00:00Z");
        assertThat(count("""
                MATCH (o:OpenCostDay {app: 'checkout', day: date() - duration('P1D')})-[:OPENCOST_OF]->(:App)
                RETURN toInteger(o.cpuEfficiency * 100) + toInteger(o.cpuCoreRequestAverage) * 1000"""))
            .isEqualTo(2025);

        String yesterday = today.minusDays(1) + "T00:00:00Z";
        var bucket = this.graphQl.document("""
                { squad: costs(squad: "payments", from: "%1$s", to: "%2$sT00:00:00Z", interval: DAY) { compute }
                  estate: costs(from: "%1$s", to: "%2$sT00:00:00Z", interval: DAY) {
                    compute unattributed { compute reason } } }
                """.formatted(yesterday, today)).execute();
        bucket.path("squad[0].compute").entity(Double.class).isEqualTo(1.62);
        bucket.path("estate[0].compute").entity(Double.class).isEqualTo(1.62);
        assertThat(bucket.path("estate[0].unattributed[*].reason").entityList(String.class).get())
            .containsExactlyInAnyOrder(OpenCostDays.IDLE, OpenCostDays.UNALLOCATED,
                    "app 'ghost' is not in the catalog");
        bucket.path("estate[0].unattributed[?(@.reason == '" + OpenCostDays.IDLE + "')].compute")
            .entityList(Double.class)
            .containsExactly(5.0);

        // Taken again: only today, not yet complete, is asked for; nothing is doubled.
        this.asked.clear();
        this.pulls.openCost("prod", url);
        assertThat(this.asked).hasSize(1);
        assertThat(count("MATCH (o:OpenCostDay) RETURN count(o)")).isEqualTo(15);
    }

}
