package io.appgraph.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract that clients depend on ({@code ../shared/contract}, beside the
 * repository): the shared checker validates the served schema, and the test documents are
 * the contract's text.
 */
class ContractIT extends IntegrationTest {

    private static final Path SHARED = Path.of("..", "..", "shared").toAbsolutePath().normalize();

    private static final List<String> DELIVERED = List.of("catalog and organisation", "dependencies", "releases",
            "ownership", "alerts");

    @Test
    void theRunningSchemaServesEveryDeliveredSection() throws Exception {
        String output = contractCheck(baseUrl() + "/graphql");

        for (String section : DELIVERED) {
            assertThat(output).containsPattern("(?m)^OK +" + Pattern.quote(section) + ": ");
        }
    }

    @Test
    void theSchemaFilesServeEveryDeliveredSection() throws Exception {
        String output = contractCheck(Path.of("src/main/resources/graphql").toAbsolutePath().toString());

        for (String section : DELIVERED) {
            assertThat(output).containsPattern("(?m)^OK +" + Pattern.quote(section) + ": ");
        }
    }

    @Test
    void testDocumentsAreTheContractOperationsAsWritten() throws IOException {
        String contract = Files.readString(contractFile());
        Matcher operation = Pattern.compile("(?m)^(query|mutation) (\\w+)").matcher(contract);
        List<String> checked = new ArrayList<>();
        while (operation.find()) {
            Path document = Path.of("src/test/resources/graphql-test", operation.group(2) + ".graphql");
            if (Files.exists(document)) {
                String text = Files.readString(document).strip();
                assertThat(contract).as(document.toString()).contains(text.substring(text.indexOf(operation.group(0))));
                checked.add(operation.group(2));
            }
        }
        assertThat(checked).contains("AppPage", "Apps", "BlastRadius", "DependencyGraph", "UpsertApp", "StartRelease",
                "FinishRelease", "Releases", "ReleaseStats", "ChangesBefore", "RecordLeaver", "OwnershipAlerts",
                "ReassignOwner");
    }

    private String contractCheck(String target) throws IOException, InterruptedException {
        Path tool = SHARED.resolve("tools/contract-check.mjs");
        assumeTrue(Files.exists(tool), "the shared contract tools sit beside the repository: " + tool);
        List<String> command = new ArrayList<>(List.of("node", tool.toString(), target));
        DELIVERED.forEach(section -> command.addAll(List.of("--require", section)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("contract check finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Path contractFile() {
        Path contract = SHARED.resolve("contract/operations.graphql");
        assumeTrue(Files.exists(contract), "the shared contract sits beside the repository: " + contract);
        return contract;
    }

}
