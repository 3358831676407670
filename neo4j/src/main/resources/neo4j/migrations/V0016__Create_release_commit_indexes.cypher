// Each instance's live release feed reads the starts and finishes committed lately, by any
// instance on the database, in the order they committed.
CREATE INDEX release_start_committed_at IF NOT EXISTS FOR (r:Release) ON (r.startCommittedAt);
CREATE INDEX release_finish_committed_at IF NOT EXISTS FOR (r:Release) ON (r.finishCommittedAt);
