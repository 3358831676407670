package io.appgraph.releases;

import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Squad;
import io.appgraph.platform.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The live release feed: the {@code releaseEvents} subscription and its events' fields.
 */
@Controller
final class ReleaseFeedController {

    private final ReleaseFeed feed;

    private final AppQueries apps;

    private final OrgQueries org;

    ReleaseFeedController(ReleaseFeed feed, AppQueries apps, OrgQueries org) {
        this.feed = feed;
        this.apps = apps;
        this.org = org;
    }

    @SubscriptionMapping
    Flux<ReleaseEvent> releaseEvents(@Argument String app, @Argument String squad, @Argument String environment) {
        return this.feed.events(new ReleaseFeed.Filter(app, squad, environment));
    }

    @BatchMapping(typeName = "ReleaseEvent", field = "app")
    Map<ReleaseEvent, App> app(List<ReleaseEvent> events) {
        return Batches.lookup(events, event -> event.release().appName(), this.apps::findByNames);
    }

    @BatchMapping(typeName = "ReleaseEvent", field = "squad")
    Map<ReleaseEvent, Squad> squad(List<ReleaseEvent> events) {
        return Batches.lookup(events, ReleaseEvent::squadName, this.org::squads);
    }

    /** A subscriber cut off for falling behind gets an error that says so. */
    @Bean
    static SubscriptionExceptionResolver releaseFeedErrors() {
        return new SubscriptionExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex) {
                if (ex instanceof ReleaseFeed.FellBehindException) {
                    return GraphqlErrorBuilder.newError()
                        .message(ex.getMessage())
                        .errorType(ErrorType.BAD_REQUEST)
                        .extensions(Map.of("code", "TOO_SLOW"))
                        .build();
                }
                return null;
            }
        };
    }

}
