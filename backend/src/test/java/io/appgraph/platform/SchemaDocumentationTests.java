package io.appgraph.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type, field, argument, input field and enum value of the schema files carries a
 * description: the schema is the API's documentation, and clients (GraphiQL, generated
 * types) show it. Type extensions cannot carry one in SDL; the fields they add must.
 */
class SchemaDocumentationTests {

    private static final Path SCHEMA = Path.of("src/main/resources/graphql");

    @Test
    void everySchemaElementIsDescribed() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SCHEMA)) {
            files = listing.filter(file -> file.toString().endsWith(".graphqls")).sorted().toList();
        }
        assertThat(files).isNotEmpty();

        List<String> undescribed = new ArrayList<>();
        for (Path file : files) {
            undescribed(new SchemaParser().parse(file.toFile()))
                .forEach(element -> undescribed.add(file.getFileName() + ": " + element));
        }

        assertThat(undescribed).as("schema elements without a description").isEmpty();
    }

    @Test
    void namesEachUndescribedElement() {
        TypeDefinitionRegistry registry = new SchemaParser().parse("""
                "Documented."
                type Query {
                  "Documented."
                  app("Documented." name: String, first: Int): App
                  apps: [App]
                }
                type App { name: String }
                extend type App { tier: Tier }
                enum Tier { "Documented." TIER_1 TIER_2 }
                input AppInput { "Documented." name: String, tier: Tier }
                scalar DateTime
                """);

        assertThat(undescribed(registry)).containsExactlyInAnyOrder("Query.app(first:)", "Query.apps", "App",
                "App.name", "App.tier", "Tier", "Tier.TIER_2", "AppInput", "AppInput.tier", "DateTime");
    }

    /**
     * The elements of one parsed schema file that have no description, such as
     * {@code App.name} or {@code Query.app(name:)}.
     */
    private static List<String> undescribed(TypeDefinitionRegistry registry) {
        List<String> missing = new ArrayList<>();
        for (TypeDefinition<?> type : registry.types().values()) {
            check(missing, type.getName(), description(type));
            members(missing, type);
        }
        for (ScalarTypeDefinition scalar : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName())) {
                check(missing, scalar.getName(), scalar.getDescription());
            }
        }
        List<TypeDefinition<?>> extensions = new ArrayList<>();
        registry.objectTypeExtensions().values().forEach(extensions::addAll);
        registry.interfaceTypeExtensions().values().forEach(extensions::addAll);
        registry.inputObjectTypeExtensions().values().forEach(extensions::addAll);
        registry.enumTypeExtensions().values().forEach(extensions::addAll);
        extensions.forEach(extension -> members(missing, extension));
        for (DirectiveDefinition directive : registry.getDirectiveDefinitions().values()) {
            if (DirectiveInfo.isGraphqlSpecifiedDirective(directive.getName())) {
                continue;
            }
            check(missing, "@" + directive.getName(), directive.getDescription());
            arguments(missing, "@" + directive.getName(), directive.getInputValueDefinitions());
        }
        return missing;
    }

    private static void members(List<String> missing, TypeDefinition<?> type) {
        String name = type.getName();
        if (type instanceof ObjectTypeDefinition object) {
            fields(missing, name, object.getFieldDefinitions());
        }
        else if (type instanceof InterfaceTypeDefinition contract) {
            fields(missing, name, contract.getFieldDefinitions());
        }
        else if (type instanceof InputObjectTypeDefinition input) {
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                check(missing, name + "." + field.getName(), field.getDescription());
            }
        }
        else if (type instanceof EnumTypeDefinition enumeration) {
            for (EnumValueDefinition value : enumeration.getEnumValueDefinitions()) {
                check(missing, name + "." + value.getName(), value.getDescription());
            }
        }
    }

    private static void fields(List<String> missing, String type, List<FieldDefinition> fields) {
        for (FieldDefinition field : fields) {
            check(missing, type + "." + field.getName(), field.getDescription());
            arguments(missing, type + "." + field.getName(), field.getInputValueDefinitions());
        }
    }

    private static void arguments(List<String> missing, String owner, List<InputValueDefinition> arguments) {
        arguments
            .forEach(argument -> check(missing, owner + "(" + argument.getName() + ":)", argument.getDescription()));
    }

    // Takes Object: graphql-java's node generics do not intersect with DescribedNode.
    private static Description description(Object node) {
        return (node instanceof DescribedNode<?> described) ? described.getDescription() : null;
    }

    private static void check(List<String> missing, String element, Description description) {
        if (description == null || description.getContent().isBlank()) {
            missing.add(element);
        }
    }

}
