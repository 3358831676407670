package io.appgraph.notify;

import org.springframework.context.ApplicationContext;

/**
 * Runs outbox delivery rounds for tests of other packages, where the worker's schedule is
 * off ({@code appgraph.outbox.enabled=false}).
 */
public final class OutboxRounds {

    private OutboxRounds() {
    }

    /**
     * Runs one round.
     * @return {delivered, failed, released, expired}
     */
    public static int[] deliver(ApplicationContext context) {
        OutboxWorker.Round round = context.getBean(OutboxWorker.class).deliverDue();
        return new int[] { round.delivered(), round.failed(), round.released(), round.expired() };
    }

}
