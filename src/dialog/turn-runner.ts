// Runs a dialog's waiting messages as one graph turn and commits checkpoint, replies and events together.
import type { Logger } from "@wewall/shared";
import type pg from "pg";
import type { FunnelGraph } from "../graph/graph.js";
import type { TurnInput } from "../graph/state.js";
import { describeTurn, writeTurn, type LeasedDelivery, type TurnOutcome } from "./commit-turn.js";
import { loadTurnInput, type DialogRow, type InboxRow } from "./dialog-store.js";
import type { TurnCheckpointer } from "./turn-checkpointer.js";

export interface TurnRunnerDeps {
  pool: pg.Pool;
  graph: FunnelGraph;
  checkpointer: TurnCheckpointer;
  logger: Logger;
  checkpointsKept: number;
  /** Whether replies of this channel are pushed by this process (a connector is configured for it). */
  canPush: (channel: string) => boolean;
  onCommitted: (dialogId: string, outcome: TurnOutcome, leased: LeasedDelivery[]) => void;
}

// A turn overtaken by a newer client message is computed again with it, but not forever.
const MAX_RECOMPUTES = 3;
const PRUNE_EVERY_TURNS = 8;

export function createTurnRunner(deps: TurnRunnerDeps) {
  const { pool, graph, checkpointer } = deps;

  async function runOnce(dialogId: string, recomputes: number): Promise<boolean> {
    const { dialog, pending } = await loadTurnInput(pool, dialogId);
    if (!dialog || pending.length === 0) return false;
    const inboxIds = pending.map((row) => row.id);
    const lastId = Math.max(...inboxIds);
    if (dialog.owner === "manager" || dialog.blocked) {
      const outcome: TurnOutcome = { turnId: lastId, inboxIds, replies: [], events: [] };
      await pool.query("UPDATE inbox SET turn_id = $2, payload = '{}' WHERE id = ANY($1::bigint[])", [
        inboxIds,
        lastId,
      ]);
      deps.onCommitted(dialogId, outcome, []);
      return true;
    }

    checkpointer.beginTurn(dialogId, dialog.checkpoint_id);
    let after;
    try {
      after = await graph.invoke(
        { turn: toTurnInput(pending), owner: dialog.owner },
        { configurable: { thread_id: dialogId }, durability: "exit" },
      );
    } catch (error) {
      checkpointer.abandon(dialogId);
      throw error;
    }

    const client = await pool.connect();
    let outcome: TurnOutcome | undefined;
    let leased: LeasedDelivery[] = [];
    try {
      await client.query("BEGIN");
      const guard = await client.query<{ owner: DialogRow["owner"]; blocked: boolean; turns: number; newer: boolean }>(
        `SELECT owner, blocked, turns, EXISTS (SELECT 1 FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL AND id > $2) AS newer
         FROM dialogs WHERE id = $1 FOR UPDATE`,
        [dialogId, lastId],
      );
      const now = guard.rows[0];
      if (!now) {
        // Erased while the turn ran: nothing of it may come back.
        await client.query("ROLLBACK");
        checkpointer.abandon(dialogId);
        return false;
      }
      if (now.newer && recomputes < MAX_RECOMPUTES) {
        await client.query("ROLLBACK");
        checkpointer.abandon(dialogId);
        return runOnce(dialogId, recomputes + 1);
      }
      // Right before speaking: never talk over a manager who took the dialog while the turn ran.
      const managerTookOver = now.owner === "manager";
      const state = managerTookOver ? { ...after, owner: "manager" as const } : after;
      const speak = !managerTookOver && !now.blocked;
      outcome = describeTurn(dialog, state, inboxIds, speak);
      leased = await writeTurn(client, dialogId, {
        outcome,
        state,
        checkpoint: await checkpointer.stagedRows(dialogId),
        previousCheckpointId: dialog.checkpoint_id,
        clientSpoke: pending.some((row) => row.kind === "client"),
        pushNow: deps.canPush(dialog.channel),
      });
      if (now.turns % PRUNE_EVERY_TURNS === PRUNE_EVERY_TURNS - 1)
        await checkpointer.prune(client, dialogId, deps.checkpointsKept);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      checkpointer.abandon(dialogId);
      throw error;
    } finally {
      client.release();
    }
    checkpointer.committed(dialogId);
    deps.onCommitted(dialogId, outcome, leased);
    return true;
  }

  return {
    /** Processes everything waiting for the dialog; call under the dialog's lock. */
    async run(dialogId: string): Promise<void> {
      while (await runOnce(dialogId, 0)) {
        /* keep going while messages keep arriving */
      }
    },
  };
}

export type TurnRunner = ReturnType<typeof createTurnRunner>;

function toTurnInput(rows: InboxRow[]): TurnInput {
  const clientRows = rows.filter((row) => row.kind === "client");
  if (clientRows.length === 0) return { kind: "resume", texts: [] };
  const last = clientRows.at(-1)?.payload;
  const button = [...clientRows].reverse().find((row) => row.payload.button)?.payload.button;
  const location = [...clientRows].reverse().find((row) => row.payload.location)?.payload.location;
  const user = last?.user;
  return {
    kind: "message",
    texts: clientRows.map((row) => row.payload.text),
    ...(button ? { button } : {}),
    ...(location ? { location } : {}),
    ...(user?.name ? { userName: user.name } : {}),
    ...(user?.phone ? { userPhone: user.phone } : {}),
  };
}
