// The channel's connection to the account (the scope id): made on first start, made again when amoCRM forgets it.
import { BoundedMap, type Logger } from "@wewall/shared";
import { AmoError } from "../amo-error.js";
import type { AmoCrmClient } from "../amocrm/create-amocrm-client.js";
import type { Config } from "../config.js";
import type { StateStore } from "../store/create-state-store.js";
import type { AmojoClient } from "./create-amojo-client.js";

export interface ChannelConnectionDeps {
  config: Pick<Config, "accountId" | "channelTitle">;
  state: StateStore;
  amojo: AmojoClient;
  amocrm: AmoCrmClient;
  logger: Logger;
  onScope?: (scopeId: string) => void;
}

export type ChannelConnection = ReturnType<typeof createChannelConnection>;

// Which answers can mean "this scope is no longer connected" (the account disconnected or reinstalled the
// integration): amoCRM refuses the old scope, and the one way to tell that from a call it refuses for its own
// sake is to connect again and repeat the call once.
const MAYBE_DISCONNECTED = new Set([403, 404]);

export function createChannelConnection(deps: ChannelConnectionDeps) {
  let connecting: Promise<string> | undefined;
  // Bumped on every connect in this process: a call that failed on an older connection is simply repeated.
  let generation = 0;
  // Outbox rows repeated once after a reconnect; failing again the same way, the error is about the call itself.
  const repeated = new BoundedMap<number, true>(10_000);

  async function connect(): Promise<string> {
    let accountId = deps.config.accountId ?? (await deps.state.get("amojo_account_id"));
    if (!accountId) {
      accountId = await deps.amocrm.amojoAccountId();
      await deps.state.set("amojo_account_id", accountId);
    }
    const scopeId = await deps.amojo.connect(accountId, deps.config.channelTitle);
    await deps.state.set("scope_id", scopeId);
    generation++;
    deps.onScope?.(scopeId);
    deps.logger.info({ scopeId }, "amoCRM channel connected");
    return scopeId;
  }

  // One connect at a time per process; a second process connecting too is harmless (connect is idempotent).
  function connectOnce(): Promise<string> {
    connecting ??= connect().finally(() => (connecting = undefined));
    return connecting;
  }

  async function reconnect(rowId: number, cause: AmoError): Promise<never> {
    deps.logger.warn(
      { rowId, status: cause.status },
      "amoCRM refused the channel scope (integration disconnected or reinstalled?): connecting the channel again",
    );
    try {
      await connectOnce();
    } catch (error) {
      // Until the integration is installed again every row keeps waiting with growing backoff; none is given up.
      throw new AmoError("amocrm_http", "the channel could not be connected again", {
        cause: error,
        retryable: true,
        ...(error instanceof AmoError && error.status !== undefined ? { status: error.status } : {}),
      });
    }
    remember(rowId);
    throw new AmoError("not_ready", "channel connected again; the call is repeated", { cause });
  }

  function remember(rowId: number): void {
    repeated.set(rowId, true);
  }

  return {
    connect: connectOnce,
    // Runs a Chats API call bound to the scope; a refusal that may mean a lost connection reconnects and repeats it.
    async withScope<T>(rowId: number, call: (scopeId: string) => Promise<T>): Promise<T> {
      const used = await deps.state.get("scope_id");
      if (!used) throw new AmoError("not_ready", "waiting for the channel connection");
      const startedAt = generation;
      try {
        const result = await call(used);
        repeated.delete(rowId);
        return result;
      } catch (error) {
        if (!(error instanceof AmoError) || error.status === undefined || !MAYBE_DISCONNECTED.has(error.status))
          throw error;
        if (generation !== startedAt || (await deps.state.get("scope_id")) !== used) {
          // Connected again (here or by another process) while this call was under way: repeat it on the new one.
          throw new AmoError("not_ready", "channel connected again; the call is repeated", { cause: error });
        }
        if (repeated.has(rowId)) throw error;
        return reconnect(rowId, error);
      }
    },
  };
}
