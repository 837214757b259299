-- Tickets followed up by the same customer in the same category within the FCR window,
-- computed once per month from the tickets as they are (see server/kpi/follow-ups.ts). A
-- generation names the window and the exact parts it was computed from; its row with id ''
-- (at the epoch, outside every range) says it is complete, even when no ticket was followed.
CREATE TABLE IF NOT EXISTS {table:fcr_followed:month} {on_cluster} (
  month UInt32,
  generation String,
  id String,
  created_at DateTime('UTC')
) ENGINE = {engine:MergeTree()}
PARTITION BY month
ORDER BY (created_at, id);
