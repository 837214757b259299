-- Daily rollups of every KPI card's population (see server/kpi/rollups.ts), computed per
-- record month under a generation that names the month's exact parts and the configuration
-- the figures depend on (timezone, FCR window and follow-ups, business hours, NLP tags).
-- level 0: per day; level 1: per day and the source's low-cardinality dimensions;
-- level 2: per day and hour (the heatmap); level 3: per day and category (hotspots); level 4:
-- per day, priority and SLA tier (tickets). `bucket` splits the FRT distribution's rows. q_state keeps each percentile metric's values,
-- rounded down to three significant figures, with their counts; its levels give the lower and
-- upper middle value and the p90 exactly as quantileExact picks them. Each insert writes one row per key of its month
-- and generation, so the plain count and sum columns are never merged with another row.
CREATE TABLE IF NOT EXISTS {table:kpi_rollup:month} {on_cluster} (
  kpi String,
  month UInt32,
  generation String,
  level UInt8,
  day Date,
  hour UInt8,
  channel String,
  team String,
  priority String,
  sla_tier String,
  language String,
  queue String,
  category String,
  bucket UInt8,
  records UInt64,
  c_a UInt64,
  c_b UInt64,
  s_1 Float64,
  s_2 Float64,
  s_3 Float64,
  q_state AggregateFunction(quantilesExactWeighted(0.5, 0.500000001, 0.900000001), Float64, UInt8)
) ENGINE = {engine:AggregatingMergeTree()}
PARTITION BY month
ORDER BY (kpi, generation, level, day, channel, team, priority, sla_tier, language, queue, category, bucket, hour)
-- A 30-day card reads about 60 level-0 rows; with the default 8,192-row granules it read the
-- level-1 rows around them too, percentile states and all (60,000 rows, 60 ms instead of 10).
SETTINGS index_granularity = 256;

-- Tickets whose SLA was still pending when their month was rolled up (a clock running within its
-- target): their state depends on the instant they are judged at, so they are judged at query time.
CREATE TABLE IF NOT EXISTS {table:sla_open_tickets:month} {on_cluster} (
  month UInt32,
  generation String,
  day Date,
  created_at DateTime('UTC'),
  first_response_at Nullable(DateTime('UTC')),
  resolved_at Nullable(DateTime('UTC')),
  channel String,
  team String,
  priority String,
  sla_tier String,
  language String
) ENGINE = {engine:MergeTree()}
PARTITION BY month
ORDER BY (generation, day, created_at);

-- A generation is complete once its row is here; computed_at is when its SLA states were judged.
CREATE TABLE IF NOT EXISTS {table:rollup_generations:month} {on_cluster} (
  source String,
  month UInt32,
  generation String,
  computed_at DateTime('UTC')
) ENGINE = {engine:MergeTree()}
PARTITION BY month
ORDER BY (source, month, generation);
