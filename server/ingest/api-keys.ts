import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { nextVersion } from "../clickhouse/row-version";
import { formatDateTime, sql } from "../clickhouse/sql";

/**
 * Per-source API keys for the HTTP push. A key is `sik_<id>_<secret>`: the id finds the row,
 * the secret (32 random bytes) is stored only as its SHA-256, which is enough for a
 * high-entropy secret (no password stretching needed) and cheap to check on every request.
 */

const KEY_FORMAT = /^sik_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export const SourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "a source name is 1–64 letters, digits, dots, dashes or underscores");

const KeyRow = z.object({
  id: z.string(),
  source: z.string(),
  key_hash: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  version: z.coerce.number(),
});
export type ApiKeyRow = z.infer<typeof KeyRow>;

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

async function readKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  const rows = await db.query(
    "ingest.keys",
    sql`SELECT id, source, key_hash, created_by, toString(created_at) AS created_at, toString(revoked_at) AS revoked_at,
          toString(last_used_at) AS last_used_at, version
        FROM api_keys FINAL WHERE id = ${id}`,
    KeyRow,
  );
  return rows[0];
}

async function writeKey(db: Db, row: Omit<ApiKeyRow, "version">, version = nextVersion()): Promise<void> {
  await db.insert("ingest.keys", "api_keys", [{ ...row, version }]);
}

/** Creates a key for a source; the plain key is returned once and never stored. */
export async function createApiKey(db: Db, source: string, createdBy: string): Promise<{ id: string; key: string }> {
  const name = SourceName.parse(source);
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  await writeKey(db, {
    id,
    source: name,
    key_hash: hashSecret(secret),
    created_by: createdBy,
    created_at: formatDateTime(new Date()),
    revoked_at: null,
    last_used_at: null,
  });
  return { id, key: `sik_${id}_${secret}` };
}

export async function listApiKeys(db: Db): Promise<Omit<ApiKeyRow, "key_hash">[]> {
  const rows = await db.query(
    "ingest.keys",
    sql`SELECT id, source, key_hash, created_by, toString(created_at) AS created_at, toString(revoked_at) AS revoked_at,
          toString(last_used_at) AS last_used_at, version
        FROM api_keys FINAL ORDER BY created_at`,
    KeyRow,
  );
  return rows.map(({ key_hash: _hash, ...rest }) => rest);
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const row = await readKey(db, id);
  if (!row) return false;
  if (row.revoked_at) return true;
  const { version: _v, ...rest } = row;
  await writeKey(db, { ...rest, revoked_at: formatDateTime(new Date()) });
  return true;
}

const lastTouched = new Map<string, number>();

/** Checks a presented key; returns its id and source, or null for an unknown, wrong or revoked key. */
export async function verifyApiKey(db: Db, presented: string): Promise<{ id: string; source: string } | null> {
  const m = KEY_FORMAT.exec(presented.trim());
  if (!m) return null;
  const row = await readKey(db, m[1]!);
  if (!row || row.revoked_at) return null;
  const expected = Buffer.from(row.key_hash, "hex");
  const actual = Buffer.from(hashSecret(m[2]!), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  // last_used_at is for the admin screen; once a minute per key is precise enough and spares inserts.
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) > 60_000) {
    lastTouched.set(row.id, now);
    const { version, ...rest } = row;
    // version + 1, not the clock: a revoke (versioned by the clock) written meanwhile must win.
    await writeKey(db, { ...rest, last_used_at: formatDateTime(new Date(now)) }, version + 1);
  }
  return { id: row.id, source: row.source };
}
