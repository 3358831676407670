package io.appgraph.releases;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * A listener of {@link ReleaseEventCommitted}s, added to the running application for one
 * test and removed after it (a listener bean would need a context of its own).
 */
final class RecordedReleaseEvents implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    private final List<ReleaseEventCommitted> events = new CopyOnWriteArrayList<>();

    private final ApplicationEventMulticaster multicaster;

    RecordedReleaseEvents(ApplicationEventMulticaster multicaster) {
        this.multicaster = multicaster;
        multicaster.addApplicationListener(this);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof ReleaseEventCommitted committed) {
            this.events.add(committed);
        }
    }

    List<ReleaseEventCommitted> events() {
        return List.copyOf(this.events);
    }

    /** Each event as "KIND externalId status", in the order they were published. */
    List<String> summary() {
        return this.events.stream()
            .map(e -> e.kind() + " " + e.release().externalId() + " " + e.release().status())
            .toList();
    }

    @Override
    public void close() {
        this.multicaster.removeApplicationListener(this);
    }

}
