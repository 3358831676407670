package io.appgraph.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo estate loaded into an empty database at start-up, so a fresh appgraph has
 * something to show and explore.
 *
 * @param enabled whether to load the demo estate when the database holds no apps, squads,
 * groups, people or releases; an estate that is already there is never touched (env
 * {@code APPGRAPH_DEMO_ENABLED})
 * @param apps how many apps the demo estate has, from 20 to 100,000; squads, people and
 * dependencies grow with it (env {@code APPGRAPH_DEMO_APPS})
 * @param seed the random seed; the same seed and size give the same estate (env
 * {@code APPGRAPH_DEMO_SEED})
 * @param releasesPerApp releases per app in the year of release history that ends at
 * start-up, on average, from 0 (no releases) to 1,000; the whole estate gets at most
 * 1,000,000 (env {@code APPGRAPH_DEMO_RELEASES_PER_APP})
 * @param costDays days of platform and cost history in every environment, from 0 (none)
 * to 366 (400 apps' 30 days take about 10 s of the first start); a large estate gets
 * fewer, so that apps × days stays under {@value DemoCost#MAX_APP_DAYS} per environment
 * (env {@code APPGRAPH_DEMO_COST_DAYS})
 */
@ConfigurationProperties("appgraph.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("400") int apps,
        @DefaultValue("42") long seed, @DefaultValue("100") int releasesPerApp, @DefaultValue("30") int costDays) {

    public DemoProperties {
        // Fail at binding, with the property name in the message, rather than half-way
        // through start-up.
        if (apps < DemoEstateGenerator.MIN_APPS || apps > DemoEstateGenerator.MAX_APPS) {
            throw new IllegalArgumentException("appgraph.demo.apps must be between %d and %d, not %d"
                .formatted(DemoEstateGenerator.MIN_APPS, DemoEstateGenerator.MAX_APPS, apps));
        }
        if (releasesPerApp < 0 || releasesPerApp > DemoReleases.MAX_PER_APP) {
            throw new IllegalArgumentException("appgraph.demo.releases-per-app must be between 0 and %d, not %d"
                .formatted(DemoReleases.MAX_PER_APP, releasesPerApp));
        }
        if (costDays < 0 || costDays > 366) {
            throw new IllegalArgumentException("appgraph.demo.cost-days must be between 0 and 366, not " + costDays);
        }
    }
}
