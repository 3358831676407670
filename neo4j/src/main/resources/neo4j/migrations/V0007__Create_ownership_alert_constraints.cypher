// Ownership alerts (package ownership). An OPEN alert carries openKey = "<app>|<reason>" and a
// resolved one does not, so the uniqueness constraint keeps one open alert per app and reason
// even when two leaver events for the same person commit at once (their MERGEs meet on it).
CREATE CONSTRAINT ownership_alert_id IF NOT EXISTS FOR (a:OwnershipAlert) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT ownership_alert_open_key IF NOT EXISTS FOR (a:OwnershipAlert) REQUIRE a.openKey IS UNIQUE;
CREATE INDEX ownership_alert_status IF NOT EXISTS FOR (a:OwnershipAlert) ON (a.status);
CREATE INDEX person_left_at IF NOT EXISTS FOR (p:Person) ON (p.leftAt);
