// The ownership sweep (package ownership) finds leaving dates that have come, and the
// alert list reads newest first.
CREATE INDEX person_leaving_at IF NOT EXISTS FOR (p:Person) ON (p.leavingAt);
CREATE INDEX ownership_alert_raised_at IF NOT EXISTS FOR (a:OwnershipAlert) ON (a.raisedAt);
