// Partners' API keys: created and rotated with the secret shown once, stored as a SHA-256 hash, checked per request.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "@wewall/shared";
import { z } from "zod";

export const partnerScopeSchema = z.enum(["dialogs", "valuations", "search", "leads"]);
export type PartnerScope = z.infer<typeof partnerScopeSchema>;
export const partnerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "partner id: a-z, 0-9 and -, up to 40");

export interface PartnerKeyInfo {
  partnerId: string;
  keyId: string;
  scopes: PartnerScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who a valid key proves. */
export interface PartnerIdentity {
  partnerId: string;
  keyId: string;
  scopes: PartnerScope[];
}

// "wwp_<key id>_<secret>": the key id finds the row through the primary key, the secret is never stored.
const KEY_PATTERN = /^wwp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash("sha256").update(text).digest();
// Compared against when the key id is unknown, so a miss costs what a hit costs.
const NO_HASH = sha256("no such key");

function newKey(): { keyId: string; secret: string; key: string } {
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { keyId, secret, key: `wwp_${keyId}_${secret}` };
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

async function insertKey(db: Queryable, partnerId: string, scopes: readonly PartnerScope[]): Promise<string> {
  const { keyId, secret, key } = newKey();
  await db.query("INSERT INTO partner_keys (key_id, partner_id, secret_hash, scopes) VALUES ($1, $2, $3, $4)", [
    keyId,
    partnerId,
    sha256(secret),
    scopes,
  ]);
  return key;
}

export function createPartnerKeys(pool: pg.Pool) {
  return {
    /** A new partner (or a new key for an existing one, its callback settings updated when given). */
    async add(input: { partnerId: string; scopes: readonly PartnerScope[]; callbackUrl?: string | undefined }) {
      return withTransaction(pool, async (client) => {
        const callbackSecret = `whsec_${randomBytes(24).toString("base64")}`;
        const { rows } = await client.query<{ callback_secret: string }>(
          `INSERT INTO partners (id, callback_url, callback_secret) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET callback_url = coalesce($2, partners.callback_url)
           RETURNING callback_secret`,
          [input.partnerId, input.callbackUrl ?? null, callbackSecret],
        );
        const key = await insertKey(client, input.partnerId, input.scopes);
        return { key, callbackSecret: rows[0]?.callback_secret ?? callbackSecret };
      });
    },
    async list(partnerId?: string): Promise<PartnerKeyInfo[]> {
      const { rows } = await pool.query<{
        partner_id: string;
        key_id: string;
        scopes: string[];
        created_at: Date;
        revoked_at: Date | null;
      }>(
        `SELECT partner_id, key_id, scopes, created_at, revoked_at FROM partner_keys
         WHERE $1::text IS NULL OR partner_id = $1 ORDER BY partner_id, created_at`,
        [partnerId ?? null],
      );
      return rows.map((row) => ({
        partnerId: row.partner_id,
        keyId: row.key_id,
        scopes: z.array(partnerScopeSchema).parse(row.scopes),
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }));
    },
    /** A new key with the old one's scopes; the old one is revoked in the same transaction. */
    async rotate(keyId: string): Promise<string | undefined> {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ partner_id: string; scopes: string[] }>(
          "UPDATE partner_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL RETURNING partner_id, scopes",
          [keyId],
        );
        const row = rows[0];
        if (!row) return undefined;
        return insertKey(client, row.partner_id, z.array(partnerScopeSchema).parse(row.scopes));
      });
    },
    async revoke(keyId: string): Promise<boolean> {
      const { rowCount } = await pool.query(
        "UPDATE partner_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL",
        [keyId],
      );
      return rowCount === 1;
    },
    // Read per request (one primary-key lookup), so a revocation holds at once on every replica.
    async verify(key: string | undefined): Promise<PartnerIdentity | undefined> {
      const match = KEY_PATTERN.exec(key ?? "");
      const keyId = match?.[1] ?? "";
      const given = sha256(match?.[2] ?? "");
      const { rows } = match
        ? await pool.query<{ partner_id: string; secret_hash: Buffer; scopes: string[] }>(
            "SELECT partner_id, secret_hash, scopes FROM partner_keys WHERE key_id = $1 AND revoked_at IS NULL",
            [keyId],
          )
        : { rows: [] };
      const row = rows[0];
      const same = timingSafeEqual(given, row?.secret_hash ?? NO_HASH);
      if (!row || !same) return undefined;
      return { partnerId: row.partner_id, keyId, scopes: z.array(partnerScopeSchema).parse(row.scopes) };
    },
  };
}

export type PartnerKeys = ReturnType<typeof createPartnerKeys>;
