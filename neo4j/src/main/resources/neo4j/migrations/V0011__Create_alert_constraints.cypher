// Alerts from Alertmanager (package alerts). An alert's episode is its fingerprint and the time it
// started firing (id = "<fingerprint>@<startsAt>"): firing and resolved notifications of one episode
// meet on the same node, and a later firing of the same labels is a new episode, so time to
// restore counts each outage. Groups are Alertmanager's notification groups per receiver.
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE;
CREATE INDEX alert_fingerprint IF NOT EXISTS FOR (a:Alert) ON (a.fingerprint);
CREATE INDEX alert_status_starts IF NOT EXISTS FOR (a:Alert) ON (a.status, a.startsAt);
CREATE INDEX alert_ends IF NOT EXISTS FOR (a:Alert) ON (a.endsAt);
CREATE CONSTRAINT alert_group_key IF NOT EXISTS FOR (g:AlertGroup) REQUIRE g.key IS UNIQUE;
