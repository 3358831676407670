// Filters of the app directory and the release history.
CREATE INDEX app_tier IF NOT EXISTS FOR (a:App) ON (a.tier);
CREATE INDEX person_active IF NOT EXISTS FOR (p:Person) ON (p.active);
CREATE INDEX release_started_at IF NOT EXISTS FOR (r:Release) ON (r.startedAt);
