package io.appgraph.platform;

import io.appgraph.IntegrationTest;
import io.appgraph.platform.GraphQlConfiguration.SchemaMappingReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's protections: depth, complexity and page-size limits, and classified
 * errors.
 */
class GraphQlLimitsIT extends IntegrationTest {

    @Autowired
    SchemaMappingReport schemaReport;

    @Test
    void everySchemaFieldIsMapped() {
        assertThat(this.schemaReport.unmappedFields()).isEmpty();
    }

    @Test
    void rejectsQueriesDeeperThanFifteen() {
        String deep = "{ app(name: \"a\") { " + "dependencies { ".repeat(15) + "name" + " }".repeat(15) + " } }";
        this.graphQl.document(deep)
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getMessage()).contains("maximum query depth exceeded")));
    }

    @Test
    void acceptsQueriesJustWithinTheDepthLimit() {
        String deep = "{ app(name: \"a\") { squad { group { " + "parent { ".repeat(11) + "name" + " }".repeat(11)
                + " } } } }";
        this.graphQl.document(deep).execute().path("app").valueIsNull();
    }

    @Test
    void rejectsQueriesAboveTheComplexityLimit() {
        String fanOut = """
                { apps(first: 100) { edges { node { dependents { dependents { dependents { dependents { name } } } } } } } }""";
        this.graphQl.document(fanOut)
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getMessage()).matches(
                        "The request costs 2,111,300, 111,300 over the limit of 2,000,000 \\(appgraph.graphql.max-complexity\\): .*");
                assertThat(error.getExtensions()).containsEntry("code", "TOO_COSTLY");
            }));
    }

    @Test
    void pageSizeOutsideOneToHundredIsAnInvalidArgument() {
        for (int first : new int[] { 0, 101 }) {
            this.graphQl.documentName("Apps")
                .variable("first", first)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getExtensions()).containsEntry("code", "INVALID");
                    assertThat(error.getMessage()).isEqualTo("first must be between 1 and 100, was " + first);
                }));
        }
    }

    @Test
    void errorsCarryAClassificationAndNoStackTrace() {
        this.graphQl.documentName("BlastRadius").variable("app", "no-such-app").execute().errors().satisfy(errors -> {
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
                assertThat(error.getMessage()).isEqualTo("No app is named 'no-such-app'");
                assertThat(error.getExtensions()).containsOnlyKeys("code", "classification");
            });
        });
    }

    @Test
    void introspectionIsOnOutsideProduction() {
        this.graphQl.document("{ __schema { queryType { name } } }")
            .execute()
            .path("__schema.queryType.name")
            .entity(String.class)
            .isEqualTo("Query");
    }

    @Test
    void malformedDocumentsAreRejectedWithTheirLocation() {
        this.graphQl.document("{ app(name: ) { name } }")
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType().toString()).isEqualTo("InvalidSyntax");
                assertThat(error.getLocations()).isNotEmpty();
            }));
    }

    @Test
    void unknownFieldsAreValidationErrors() {
        this.graphQl.document("{ app(name: \"a\") { password } }")
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getMessage())
                    .contains("Field 'password' in type 'App' is undefined")));
    }

}
