// The outbox worker claims due messages per destination it has a sender for, in the order
// they fell due: a seek on (destination, nextAttemptAt) that stops after one batch, however
// many messages of a destination without a sender (Grafana unset, say) wait beside them.
CREATE INDEX outbox_message_due IF NOT EXISTS FOR (m:OutboxMessage) ON (m.destination, m.nextAttemptAt);
