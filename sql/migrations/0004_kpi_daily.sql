-- The rollups' per-day rows (level 0, see server/kpi/rollups.ts), moved out of kpi_rollup. There
-- a day's row shared its 256-row granule with the dimension rows after it, so reading a year
-- of days read and decoded ≈ 100,000 rows of percentile states (0.35 s of a 0.45 s query).
-- Here a row holds plain sums, and the percentile KPIs (FRT, resolution, ASA, AHT) a histogram
-- instead of a value→count state: h[i + 1] counts the records whose metric, in whole seconds
-- rounded down to three significant figures, falls in cell i (histogramCell in
-- server/kpi/rollup-state.ts), up to the last non-empty cell. Summing days is adding arrays.
-- Level 5 rows sum a generation's days of one Monday–Sunday week (day: the Monday).
CREATE TABLE IF NOT EXISTS {table:kpi_daily:month} {on_cluster} (
  kpi String,
  month UInt32,
  generation String,
  level UInt8,
  day Date,
  bucket UInt8,
  records UInt64,
  c_a UInt64,
  c_b UInt64,
  s_1 Float64,
  s_2 Float64,
  s_3 Float64,
  h Array(UInt32)
) ENGINE = {engine:MergeTree()}
PARTITION BY month
-- Ordered by level and day first: a range reads its weeks and the days around them (a year of
-- the cards: 4,500 rows) instead of every row of its generations (34,000).
ORDER BY (level, day, kpi, generation, bucket)
SETTINGS index_granularity = 64;

-- The Agents & teams table's KPIs (PEOPLE_KPIS in server/kpi/people.ts) per day (level 0) and per
-- Monday–Sunday week of a generation (level 5), team and agent: a year of the table read 10M
-- tickets nine times (5–10 s); these rows are ≈ 600 a day.
CREATE TABLE IF NOT EXISTS {table:kpi_people:month} {on_cluster} (
  kpi String,
  month UInt32,
  generation String,
  level UInt8,
  day Date,
  team String,
  agent String,
  records UInt64,
  c_a UInt64,
  c_b UInt64,
  s_1 Float64,
  s_2 Float64,
  s_3 Float64,
  q_state AggregateFunction(quantilesExactWeighted(0.5, 0.500000001, 0.900000001), Float64, UInt8)
) ENGINE = {engine:MergeTree()}
PARTITION BY month
ORDER BY (level, day, kpi, generation, team, agent)
SETTINGS index_granularity = 256;
