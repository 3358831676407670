// The outbox (package notify): enqueueing MERGEs on (destination, key), so one message per key
// even when two transactions enqueue it at once; the worker claims due messages by nextAttemptAt
// and drops those past the retention by createdAt.
CREATE CONSTRAINT outbox_message_key IF NOT EXISTS FOR (m:OutboxMessage) REQUIRE (m.destination, m.key) IS UNIQUE;
CREATE INDEX outbox_message_next_attempt_at IF NOT EXISTS FOR (m:OutboxMessage) ON (m.nextAttemptAt);
CREATE INDEX outbox_message_created_at IF NOT EXISTS FOR (m:OutboxMessage) ON (m.createdAt);
