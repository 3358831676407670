package io.appgraph.dependencies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlDocumentsTests {

    @Test
    void manifestsAreReadOnePerDocumentSkippingEmptyOnes() throws IOException {
        List<String> kinds = new ArrayList<>();
        YamlDocuments.each(fixture("network-policies-manifests.yaml"), true,
                (index, document) -> kinds.add(index + ":" + document.path("kind").asString()));

        assertThat(kinds).containsExactly("0:NetworkPolicy", "1:Deployment", "2:NetworkPolicy", "3:NetworkPolicy",
                "4:NetworkPolicy");
    }

    @Test
    void aListHandsOverItsItemsOneByOne() throws IOException {
        List<String> names = new ArrayList<>();
        YamlDocuments.each(fixture("network-policies.yaml"), true,
                (index, document) -> names.add(index + ":" + document.path("metadata").path("name").asString()));

        assertThat(names).hasSize(7).startsWith("0:checkout-api-ingress").endsWith("6:allow-prometheus");
    }

    @Test
    void itemsOfAnApiServerListGetTheListsItemKind() {
        String list = """
                {"kind": "NetworkPolicyList", "apiVersion": "networking.k8s.io/v1", "items": [{"metadata": {"name": "a"}}]}""";
        List<String> kinds = new ArrayList<>();
        YamlDocuments.each(list.getBytes(StandardCharsets.UTF_8), true,
                (index, document) -> kinds.add(document.path("kind").asString()));

        assertThat(kinds).containsExactly("NetworkPolicy");
    }

    @Test
    void anEmptyListHandsOverNothing() {
        List<String> kinds = new ArrayList<>();
        YamlDocuments.each("apiVersion: v1\nitems: []\nkind: List\n".getBytes(StandardCharsets.UTF_8), true,
                (index, document) -> kinds.add(document.path("kind").asString()));

        assertThat(kinds).isEmpty();
    }

    @Test
    void brokenYamlNamesTheDocumentAndLine() {
        byte[] yaml = "kind: A\n---\nkind: B\nspec: [open\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> YamlDocuments.read(yaml)).isInstanceOfSatisfying(ImportRefusedException.class,
                ex -> assertThat(ex.details()).singleElement()
                    .asString()
                    .startsWith("document 1 (line ")
                    .contains("not valid YAML"));
    }

    private static byte[] fixture(String name) throws IOException {
        return new ClassPathResource("discovery/" + name).getContentAsByteArray();
    }

}
