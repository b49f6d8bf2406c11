// A partner's callbacks: list what failed (or is still retrying) and send one again, from the start of the backoff.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type pg from "pg";
import { z } from "zod";
import { partnerOf } from "../partner-guard.js";

export interface CallbackRoutesDeps {
  pool: pg.Pool;
  /** Wakes the sender so a replayed callback goes at once. */
  poke: () => void;
}

const callbackSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
});

interface CallbackRow {
  id: string;
  type: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  created_at: Date;
  payload: unknown;
}

const view = (row: CallbackRow) => ({
  id: `cb_${row.id}`,
  type: row.type,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  payload: row.payload,
});

export const callbackRoutes: FastifyPluginAsyncZod<CallbackRoutesDeps> = async (app, { pool, poke }) => {
  app.get(
    "/callbacks",
    {
      config: { public: true, partnerScope: "leads" },
      schema: {
        summary: "Callbacks not delivered yet: given up (failed) or still retrying (pending)",
        querystring: z.object({
          status: z.enum(["failed", "pending"]).default("failed"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ callbacks: z.array(callbackSchema) }) },
      },
    },
    async (request) => {
      const { rows } = await pool.query<CallbackRow>(
        `SELECT id, type, status, attempts, last_error, created_at, payload FROM partner_callbacks
         WHERE partner_id = $1 AND status = $2 ORDER BY id LIMIT $3`,
        [partnerOf(request).partnerId, request.query.status, request.query.limit],
      );
      return { callbacks: rows.map(view) };
    },
  );

  app.post(
    "/callbacks/:callbackId/replay",
    {
      config: { public: true, partnerScope: "leads" },
      schema: {
        summary: "Send a callback again now (a failed one, or a pending one without waiting for its backoff)",
        params: z.object({ callbackId: z.string().regex(/^cb_\d{1,18}$/, "callbackId looks like cb_123") }),
        response: {
          200: callbackSchema,
          404: z.object({ error: z.string(), message: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { rows } = await pool.query<CallbackRow>(
        `UPDATE partner_callbacks SET status = 'pending', attempts = 0, next_attempt_at = now(), done_at = NULL
         WHERE id = $1 AND partner_id = $2 AND status <> 'sent'
         RETURNING id, type, status, attempts, last_error, created_at, payload`,
        [request.params.callbackId.slice(3), partnerOf(request).partnerId],
      );
      const row = rows[0];
      if (!row) return reply.status(404).send({ error: "not_found", message: "no such undelivered callback" });
      poke();
      return view(row);
    },
  );
};
