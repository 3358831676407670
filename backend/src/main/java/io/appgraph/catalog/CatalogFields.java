package io.appgraph.catalog;

import io.appgraph.platform.GlobalId;
import io.appgraph.platform.planner.TypeFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** App's own fields for the read planner; the features that extend App declare theirs. */
@Configuration(proxyBeanMethods = false)
class CatalogFields {

    @Bean
    TypeFields appFields() {
        return TypeFields.of("App")
            .source(App.projection("%1$s"), App::from)
            .expression("id", "%1$s.name", name -> GlobalId.of("App", name.asString()))
            .property("name")
            .property("description")
            .property("tier")
            .property("runbookUrl")
            .property("lifecycle")
            .expression("kind", "coalesce(%1$s.kind, 'COMPONENT')")
            .property("type")
            .property("system")
            // Bookmarks are stored as parallel label and URL lists, written together.
            .expression("links", """
                    [%2$s IN range(0, size(coalesce(%1$s.linkLabels, [])) - 1)
                      | {label: %1$s.linkLabels[%2$s], url: %1$s.linkUrls[%2$s]}]""");
    }

}
