// A scheduled job that one instance at a time runs holds a lease node named after it; the
// constraint makes instances starting together MERGE the same node.
CREATE CONSTRAINT job_lease_job IF NOT EXISTS FOR (lease:__JobLease) REQUIRE lease.job IS UNIQUE;
