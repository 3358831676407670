package io.appgraph.releases;

import java.util.Map;

import graphql.schema.SelectedField;
import io.appgraph.platform.Connection;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.PageRequest;
import io.appgraph.platform.planner.NodePlan;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedField;
import io.appgraph.platform.planner.PlannedRow;
import io.appgraph.platform.planner.TypeFields;
import io.appgraph.platform.planner.UnplannableSelectionException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Releases, and an app's page of releases, for the read planner. */
@Configuration(proxyBeanMethods = false)
class ReleaseFields {

    // Newest first; the cursor is the last release's (startedAt, externalId), as in
    // ReleaseQueries.
    private static final String PAGE = """
            {total: %1$s, rows: COLLECT {
              MATCH (%3$s:Release)-[:OF]->(%2$s)
              WHERE %4$s IS NULL OR %3$s.startedAt < %4$s OR (%3$s.startedAt = %4$s AND %3$s.externalId < %5$s)
              WITH %3$s ORDER BY %3$s.startedAt DESC, %3$s.externalId DESC LIMIT %6$s
              RETURN %7$s
            }}""";

    @Bean
    TypeFields releaseTypeFields() {
        return TypeFields.of("Release")
            .source(Release.projection("%1$s"), Release::from)
            .property("externalId")
            .property("version")
            .property("commit")
            .property("pipelineUrl")
            .property("environment")
            .property("status")
            .property("startedAt")
            .property("finishedAt")
            .property("committedAt")
            .expression("durationSeconds",
                    "CASE WHEN %1$s.finishedAt IS NULL THEN null ELSE duration.inSeconds(%1$s.startedAt, %1$s.finishedAt).seconds END")
            .one("app", "App", "(%1$s)-[:OF]->(%2$s:App)")
            .one("triggeredBy", "Person", "(%1$s)-[:TRIGGERED_BY]->(%2$s:Person)");
    }

    @Bean
    TypeFields appReleasesField() {
        return TypeFields.of("App").field("releases", ReleaseFields::releases);
    }

    private static PlannedField releases(String app, SelectedField field, PlanContext context) {
        PageRequest page;
        Map<String, Object> after;
        try {
            page = PageRequest.of((Integer) field.getArguments().get("first"),
                    (String) field.getArguments().get("after"), ReleaseQueries.CURSOR_KIND);
            after = new ReleaseQueries.PageKey(null, page.first(), page.after()).row();
        }
        catch (InvalidArgumentException ex) {
            // The data fetcher reports it on this field alone, as for any unplanned read.
            throw new UnplannableSelectionException(ex.getMessage());
        }
        String release = context.variable();
        NodePlan node = context.node("Release", release, context.childrenAt(field, "edges/node"),
                Map.of("__startedAt", "%1$s.startedAt", "__externalId", "%1$s.externalId"));
        String total = context.selects(field, "totalCount") ? "COUNT { (:Release)-[:OF]->(%s) }".formatted(app) : "0";
        String expression = PAGE.formatted(total, app, release, context.parameter(after.get("afterTime")),
                context.parameter(after.get("afterId")), context.parameter(page.limit()), node.expression());
        return new PlannedField(expression, value -> Connection.of(value.get("total").asLong(),
                node.readList(value.get("rows")), page, ReleaseFields::cursor));
    }

    private static String cursor(PlannedRow release) {
        return PageRequest.cursor(ReleaseQueries.CURSOR_KIND,
                release.hidden("__startedAt").asZonedDateTime().toInstant() + "|"
                        + release.hidden("__externalId").asString());
    }

}
