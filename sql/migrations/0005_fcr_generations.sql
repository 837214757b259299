-- When each generation of FCR follow-ups (fcr_followed, see server/kpi/follow-ups.ts) was made:
-- a month's earlier generation is removed only ten minutes after a newer one replaced it, since
-- a request may have chosen it an instant before (generations made before this table have no row).
CREATE TABLE IF NOT EXISTS {table:fcr_generations:month} {on_cluster} (
  month UInt32,
  generation String,
  computed_at DateTime('UTC')
) ENGINE = {engine:MergeTree()}
PARTITION BY month
ORDER BY (month, generation);
