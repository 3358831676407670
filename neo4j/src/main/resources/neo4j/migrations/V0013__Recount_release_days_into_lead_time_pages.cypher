// A release day's lead times move from a list on the day's shard, which every successful
// release of a busy day rewrote whole, to pages of at most 128 under it
// ((:ReleaseDay)-[:LEAD_TIMES]->(:ReleaseLeadTimes {page, values})). Forgetting the marker
// makes the next start count every release again in the new shape (ReleaseRollups).
MATCH (marker:__ReleaseRollups) DELETE marker;
