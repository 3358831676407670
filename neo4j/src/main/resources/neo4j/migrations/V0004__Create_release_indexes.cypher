// Release history and its figures. V0002's release_started_at serves the estate-wide reads (a
// day's page, a year's statistics, the window before an incident) as range reads in time order.
// These add the filters that are equalities in front of that range, so "prod releases of one
// day" or "failed releases this month" read only their own entries, in time order.
CREATE INDEX release_environment_started_at IF NOT EXISTS FOR (r:Release) ON (r.environment, r.startedAt);
CREATE INDEX release_status_started_at IF NOT EXISTS FOR (r:Release) ON (r.status, r.startedAt);
