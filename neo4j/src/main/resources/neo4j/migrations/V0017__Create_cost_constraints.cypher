// Platform figures, daily usage and log volume, right-sizing and cost alerts: each keyed,
// so rollups and imports that run again replace what they wrote; days indexed for ranges.
CREATE CONSTRAINT platform_environment_name IF NOT EXISTS FOR (e:PlatformEnvironment) REQUIRE e.name IS UNIQUE;
CREATE INDEX platform_sample_environment_at IF NOT EXISTS FOR (s:PlatformSample) ON (s.environment, s.at);
CREATE CONSTRAINT usage_day_key IF NOT EXISTS FOR (u:UsageDay) REQUIRE u.key IS UNIQUE;
CREATE INDEX usage_day_environment_day IF NOT EXISTS FOR (u:UsageDay) ON (u.environment, u.day);
CREATE INDEX usage_day_day IF NOT EXISTS FOR (u:UsageDay) ON (u.day);
CREATE CONSTRAINT usage_rollup_key IF NOT EXISTS FOR (r:UsageRollup) REQUIRE r.key IS UNIQUE;
CREATE INDEX usage_rollup_environment IF NOT EXISTS FOR (r:UsageRollup) ON (r.environment);
CREATE CONSTRAINT log_volume_day_key IF NOT EXISTS FOR (l:LogVolumeDay) REQUIRE l.key IS UNIQUE;
CREATE INDEX log_volume_day_environment_day IF NOT EXISTS FOR (l:LogVolumeDay) ON (l.environment, l.day);
CREATE INDEX log_volume_day_day IF NOT EXISTS FOR (l:LogVolumeDay) ON (l.day);
CREATE CONSTRAINT unattributed_cost_day_key IF NOT EXISTS FOR (x:UnattributedCostDay) REQUIRE x.key IS UNIQUE;
CREATE INDEX unattributed_cost_day_environment_day IF NOT EXISTS FOR (x:UnattributedCostDay) ON (x.environment, x.day);
CREATE INDEX unattributed_cost_day_day IF NOT EXISTS FOR (x:UnattributedCostDay) ON (x.day);
CREATE CONSTRAINT right_sizing_key IF NOT EXISTS FOR (r:RightSizing) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT cost_alert_key IF NOT EXISTS FOR (c:CostAlert) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT cost_alert_id IF NOT EXISTS FOR (c:CostAlert) REQUIRE c.id IS UNIQUE;
CREATE INDEX cost_alert_status IF NOT EXISTS FOR (c:CostAlert) ON (c.status);
CREATE CONSTRAINT cost_pull_key IF NOT EXISTS FOR (r:CostPull) REQUIRE r.key IS UNIQUE;
CREATE INDEX cost_pull_source_environment IF NOT EXISTS FOR (r:CostPull) ON (r.source, r.environment);
CREATE CONSTRAINT opencost_day_key IF NOT EXISTS FOR (o:OpenCostDay) REQUIRE o.key IS UNIQUE;
CREATE INDEX opencost_day_environment_day IF NOT EXISTS FOR (o:OpenCostDay) ON (o.environment, o.day);
CREATE INDEX opencost_day_day IF NOT EXISTS FOR (o:OpenCostDay) ON (o.day);
