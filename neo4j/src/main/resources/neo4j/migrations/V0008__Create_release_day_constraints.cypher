// Release counts per UTC day (package releases, ReleaseRollups): the pipeline-event writer MERGEs
// a day's shard on (day, shard), and the estate's statistics read a range of days.
CREATE CONSTRAINT release_day_key IF NOT EXISTS FOR (d:ReleaseDay) REQUIRE (d.day, d.shard) IS UNIQUE;
