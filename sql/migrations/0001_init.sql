-- Initial schema. Runs on ClickHouse 18.16 and current releases: String instead of
-- LowCardinality, DateTime('UTC') (no DateTime64), no TTL, no IF NOT EXISTS on columns.
-- Mutable records (tickets change status) are ReplacingMergeTree with a `version` column and
-- are read with FINAL or argMax; facts and logs are plain MergeTree.
-- Placeholders: {on_cluster}, {engine:…} and {table:…} render the single-server or the cluster
-- variant (see server/clickhouse/migrate.ts).

CREATE TABLE IF NOT EXISTS {table:tickets:id} {on_cluster} (
  id String,
  created_at DateTime('UTC'),
  first_response_at Nullable(DateTime('UTC')),
  resolved_at Nullable(DateTime('UTC')),
  closed_at Nullable(DateTime('UTC')),
  status String,
  priority String,
  sla_tier String,
  channel String,
  category String,
  subject String,
  description String,
  team String,
  agent String,
  customer_id String,
  region String,
  product String,
  language String,
  reopen_count UInt16,
  escalation_level String,
  tags Array(String),
  source String,
  version UInt64,
  ingested_at DateTime('UTC') DEFAULT now()
) ENGINE = {engine:ReplacingMergeTree(version)}
PARTITION BY toYYYYMM(created_at)
ORDER BY (toDate(created_at), id);

CREATE TABLE IF NOT EXISTS {table:conversations:id} {on_cluster} (
  id String,
  channel String,
  started_at DateTime('UTC'),
  answered_at Nullable(DateTime('UTC')),
  ended_at Nullable(DateTime('UTC')),
  direction String,
  queue String,
  team String,
  agent String,
  customer_id String,
  ticket_id String,
  language String,
  region String,
  product String,
  wait_seconds UInt32,
  talk_seconds UInt32,
  hold_seconds UInt32,
  acw_seconds UInt32,
  abandoned UInt8,
  transfer_count UInt8,
  handled_by String,
  bot_resolved UInt8,
  utt_speaker Array(String),
  utt_start_ms Array(UInt32),
  utt_end_ms Array(UInt32),
  utt_text Array(String),
  source String,
  version UInt64,
  ingested_at DateTime('UTC') DEFAULT now()
) ENGINE = {engine:ReplacingMergeTree(version)}
PARTITION BY toYYYYMM(started_at)
ORDER BY (toDate(started_at), id);

CREATE TABLE IF NOT EXISTS {table:survey_responses:id} {on_cluster} (
  id String,
  responded_at DateTime('UTC'),
  kind String,
  score Int16,
  comment String,
  ticket_id String,
  conversation_id String,
  customer_id String,
  channel String,
  team String,
  agent String,
  region String,
  product String,
  language String,
  source String,
  version UInt64,
  ingested_at DateTime('UTC') DEFAULT now()
) ENGINE = {engine:ReplacingMergeTree(version)}
PARTITION BY toYYYYMM(responded_at)
ORDER BY (kind, toDate(responded_at), id);

CREATE TABLE IF NOT EXISTS {table:nlp_results:record_id} {on_cluster} (
  record_kind String,
  record_id String,
  tagger_version String,
  language String,
  sentiment Float32,
  sentiment_start Float32,
  sentiment_end Float32,
  utt_sentiment Array(Float32),
  keywords Array(String),
  topics Array(String),
  pii_kinds Array(String),
  redacted_text Array(String),
  compliance_misses Array(String),
  record_time DateTime('UTC'),
  tagged_at DateTime('UTC'),
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
PARTITION BY toYYYYMM(record_time)
ORDER BY (record_kind, record_id, tagger_version);

CREATE TABLE IF NOT EXISTS {table:qa_flags:record_id} {on_cluster} (
  record_kind String,
  record_id String,
  tagger_version String,
  flag String,
  reason String,
  evidence String,
  utterance_index Int32,
  record_time DateTime('UTC'),
  created_at DateTime('UTC'),
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
PARTITION BY toYYYYMM(record_time)
ORDER BY (record_kind, record_id, tagger_version, flag, utterance_index);

CREATE TABLE IF NOT EXISTS {table:ingest_runs:run_id} {on_cluster} (
  run_id String,
  kind String,
  source String,
  file String,
  content_hash String,
  status String,
  rows_read UInt64,
  inserted UInt64,
  updated UInt64,
  unchanged UInt64,
  rejected UInt64,
  error String,
  started_at DateTime('UTC'),
  finished_at Nullable(DateTime('UTC')),
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
ORDER BY run_id;

CREATE TABLE IF NOT EXISTS {table:ingest_rejects} {on_cluster} (
  run_id String,
  file String,
  line UInt64,
  field String,
  reason String,
  raw String,
  rejected_at DateTime('UTC')
) ENGINE = {engine:MergeTree()}
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (run_id, line);

CREATE TABLE IF NOT EXISTS {table:users:id} {on_cluster} (
  id String,
  email String,
  display_name String,
  role String,
  team_scope Array(String),
  agent_scope String,
  password_hash String,
  disabled UInt8,
  created_at DateTime('UTC'),
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
ORDER BY id;

CREATE TABLE IF NOT EXISTS {table:sessions:token_hash} {on_cluster} (
  token_hash String,
  user_id String,
  created_at DateTime('UTC'),
  expires_at DateTime('UTC'),
  revoked UInt8,
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
ORDER BY token_hash;

CREATE TABLE IF NOT EXISTS {table:api_keys:id} {on_cluster} (
  id String,
  source String,
  key_hash String,
  created_by String,
  created_at DateTime('UTC'),
  revoked_at Nullable(DateTime('UTC')),
  last_used_at Nullable(DateTime('UTC')),
  version UInt64
) ENGINE = {engine:ReplacingMergeTree(version)}
ORDER BY id;

CREATE TABLE IF NOT EXISTS {table:audit_log} {on_cluster} (
  at DateTime('UTC'),
  actor_id String,
  actor_role String,
  action String,
  target String,
  detail String,
  ip String
) ENGINE = {engine:MergeTree()}
PARTITION BY toYYYYMM(at)
ORDER BY (at, actor_id);

CREATE TABLE IF NOT EXISTS {table:demo_loads} {on_cluster} (
  seed UInt64,
  scale Float64,
  end_date Date,
  tickets UInt64,
  conversations UInt64,
  surveys UInt64,
  loaded_at DateTime('UTC')
) ENGINE = {engine:MergeTree()}
ORDER BY loaded_at;
