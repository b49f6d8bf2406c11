// Runs a dialog's waiting messages as one graph turn and commits checkpoint, replies and events in one statement.
import type { Logger, Metrics } from "@wewall/shared";
import type pg from "pg";
import type { FunnelGraph } from "../graph/graph.js";
import type { TurnInput } from "../graph/state.js";
import { botMaySpeak } from "./bot-may-speak.js";
import { describeTurn, writeTurn, type LeasedDelivery, type TurnOutcome, type TurnVerdict } from "./commit-turn.js";
import { loadTurnInput, TURN_MESSAGES_MAX, type InboxRow, type TurnInputRows } from "./dialog-store.js";
import type { HeldDeliveries, OutboxDeliverer } from "./outbox-deliverer.js";
import type { TurnCheckpointer } from "./turn-checkpointer.js";

export interface TurnRunnerDeps {
  pool: pg.Pool;
  graph: FunnelGraph;
  checkpointer: TurnCheckpointer;
  logger: Logger;
  metrics: Metrics;
  checkpointsKept: number;
  outbox: Pick<OutboxDeliverer, "heldDeliveries" | "takeAcks" | "acksWritten" | "acksNotWritten">;
  onCommitted: (dialogId: string, outcome: TurnOutcome, leased: LeasedDelivery[], held: HeldDeliveries | null) => void;
}

// A turn that left out a waiting client message (newer, or committed alongside) is computed again with it, but not
// forever.
const MAX_RECOMPUTES = 3;
const PRUNE_EVERY_TURNS = 8;

export function createTurnRunner(deps: TurnRunnerDeps) {
  const { pool, graph, checkpointer } = deps;
  const turns = deps.metrics.counter({
    name: "wewall_turns_total",
    help: "Turns committed, by outcome: answered, silent (a manager owns the dialog), erased",
    labelNames: ["outcome"],
  });
  const recomputed = deps.metrics.counter({
    name: "wewall_turn_recomputes_total",
    help: "Turns computed again because the dialog changed under them",
  });
  const turnSeconds = deps.metrics.histogram({
    name: "wewall_turn_duration_seconds",
    help: "A dialog's turn from reading its messages to the committed write, recomputes included",
  });

  async function runOnce(dialogId: string, recomputes: number, input?: TurnInputRows): Promise<void> {
    const { dialog, pending } = input ?? (await loadTurnInput(pool, dialogId));
    if (!dialog || pending.length === 0) return;
    const inboxIds = pending.map((row) => row.id);
    // A backlog longer than one turn takes: the rest waits by design, and is answered by the next turn at once.
    const truncated = pending.length >= TURN_MESSAGES_MAX;
    const lastId = Math.max(...inboxIds);
    if (!botMaySpeak(dialog)) {
      // Everything waiting is recorded as heard, including a message whose row appeared after the read above.
      const heard = await pool.query<{ id: number }>(
        "UPDATE inbox SET turn_id = $2, payload = '{}' WHERE dialog_id = $1 AND turn_id IS NULL RETURNING id",
        [dialogId, lastId],
      );
      const outcome: TurnOutcome = {
        turnId: lastId,
        inboxIds: heard.rows.map((row) => row.id),
        replies: [],
        events: [],
      };
      deps.onCommitted(dialogId, outcome, [], null);
      turns.inc({ outcome: "silent" });
      return;
    }

    checkpointer.beginTurn(dialogId, dialog.checkpoint_id);
    let outcome: TurnOutcome;
    let verdict: TurnVerdict;
    let held: HeldDeliveries | null;
    try {
      let state = await graph.invoke(
        { turn: toTurnInput(pending), owner: dialog.owner },
        { configurable: { thread_id: dialogId }, durability: "exit" },
      );
      const checkpoint = await checkpointer.stagedRows(dialogId);
      let speak = true;
      for (;;) {
        outcome = describeTurn(dialog, state, inboxIds, speak);
        held = deps.outbox.heldDeliveries(dialogId, dialog.channel);
        const acked = deps.outbox.takeAcks();
        verdict = await writeTurn(pool, dialogId, {
          outcome,
          state,
          checkpoint,
          startedFrom: dialog.checkpoint_id,
          clientSpoke: pending.some((row) => row.kind === "client"),
          onlyIfBotOwned: speak,
          allowLeftOutMessages: truncated || recomputes >= MAX_RECOMPUTES,
          held,
          acked,
        }).catch((error: unknown) => {
          deps.outbox.acksNotWritten(acked);
          throw error;
        });
        deps.outbox.acksWritten(acked);
        if (verdict.written || verdict.erased || verdict.moved || verdict.leftOut || !speak) break;
        // Never talk over a manager who took the dialog while the turn ran: the turn is kept, silent.
        speak = false;
        if (verdict.owner === "manager") state = { ...state, owner: "manager" };
      }
    } catch (error) {
      checkpointer.abandon(dialogId);
      throw error;
    }
    if (!verdict.written) {
      checkpointer.abandon(dialogId);
      // Erased while the turn ran: nothing of it may come back, and whoever waits for it hears nothing.
      if (verdict.erased) {
        deps.onCommitted(dialogId, { turnId: lastId, inboxIds, replies: [], events: [] }, [], null);
        turns.inc({ outcome: "erased" });
        return;
      }
      if (recomputes >= MAX_RECOMPUTES * 2) throw new Error(`dialog ${dialogId} kept changing under its turn`);
      recomputed.inc();
      return runOnce(dialogId, recomputes + 1);
    }
    checkpointer.committed(dialogId);
    if (verdict.turns % PRUNE_EVERY_TURNS === PRUNE_EVERY_TURNS - 1)
      // The turn is committed: pruning is housekeeping, retried at the next due turn if it fails.
      await checkpointer
        .prune(pool, dialogId, deps.checkpointsKept)
        .catch((error: unknown) => deps.logger.error({ err: error, dialogId }, "pruning checkpoints failed"));
    deps.onCommitted(dialogId, outcome, verdict.leased, held);
    turns.inc({ outcome: outcome.replies.length > 0 ? "answered" : "silent" });
    if (truncated) await runOnce(dialogId, 0);
  }

  return {
    /**
     * Answers what waits for the dialog; call under the dialog's lock. `input` may be stale. A message accepted
     * after the turn read its input kicks the scheduler again (this process re-runs when the turn ends, another
     * process waits for the lock), so the dialog is not read once more to look for it.
     */
    async run(dialogId: string, input?: TurnInputRows): Promise<void> {
      const started = performance.now();
      try {
        await runOnce(dialogId, 0, input);
      } finally {
        turnSeconds.observe((performance.now() - started) / 1000);
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
