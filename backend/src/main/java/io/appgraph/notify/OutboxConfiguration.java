package io.appgraph.notify;

import java.time.Clock;
import java.util.List;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.PortalProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox worker, its senders, the Slack bot, and the schedule that runs it every
 * {@code appgraph.outbox.poll-interval} unless {@code appgraph.outbox.enabled} is false.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxConfiguration {

    @Bean
    OutboxWorker outboxWorker(Cypher cypher, JsonMapper json, List<OutboxSender> senders, OutboxProperties properties) {
        return new OutboxWorker(cypher, json, senders, properties, Clock.systemUTC());
    }

    @Bean
    @Conditional(GrafanaConfigured.class)
    GrafanaAnnotations grafanaAnnotations(GrafanaProperties properties) {
        return new GrafanaAnnotations(properties);
    }

    // Always there: squads may have their own webhooks even when no estate-wide one is
    // set.
    @Bean
    SlackNotices slackNotices(SlackProperties properties, PortalProperties portal, Cypher cypher) {
        return new SlackNotices(properties, portal, cypher);
    }

    @Bean
    SlackBot slackBot(SlackBotProperties bot, SlackProperties webhook) {
        return new SlackBot(bot, webhook);
    }

    @Bean
    SlackInteractions slackInteractions(SlackBotProperties properties) {
        return new SlackInteractions(properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "appgraph.outbox.enabled", matchIfMissing = true)
    SchedulingConfigurer outboxSchedule(OutboxWorker worker, OutboxProperties properties) {
        return registrar -> registrar.addFixedDelayTask(worker::deliverDueQuietly, properties.pollInterval());
    }

    /** Both {@code appgraph.grafana.url} and {@code appgraph.grafana.token} have text. */
    static final class GrafanaConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                .bind("appgraph.grafana", GrafanaProperties.class)
                .map(GrafanaProperties::configured)
                .orElse(false);
        }

    }

}
