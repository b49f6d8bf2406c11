// PostgresSaver whose writes wait for the turn's own statement, so a checkpoint, its replies and its inbox marks commit together.
import type { RunnableConfig } from "@langchain/core/runnables";
import type {
  ChannelVersions,
  Checkpoint,
  CheckpointMetadata,
  CheckpointTuple,
  PendingWrite,
} from "@langchain/langgraph-checkpoint";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { BoundedMap } from "@wewall/shared";
import type pg from "pg";

interface StagedPut {
  config: RunnableConfig;
  checkpoint: Checkpoint;
  metadata: CheckpointMetadata;
  newVersions: ChannelVersions;
}

export interface StagedCheckpoint {
  id: string;
  parentId: string | null;
  checkpoint: object;
  metadata: unknown;
  channels: string[];
  versions: string[];
  types: string[];
  blobs: (Uint8Array | null)[];
}

// One statement: the kept checkpoints are read once, and blobs are kept when a kept checkpoint names their version.
const PRUNE = `
  WITH kept AS (
    SELECT checkpoint_ns, checkpoint_id, checkpoint FROM checkpoints WHERE thread_id = $1
    ORDER BY checkpoint_id DESC LIMIT $2
  ), dropped AS (
    DELETE FROM checkpoints WHERE thread_id = $1 AND checkpoint_id NOT IN (SELECT checkpoint_id FROM kept)
  ), writes AS (
    DELETE FROM checkpoint_writes WHERE thread_id = $1 AND checkpoint_id NOT IN (SELECT checkpoint_id FROM kept)
  )
  DELETE FROM checkpoint_blobs b WHERE b.thread_id = $1 AND NOT EXISTS (
    SELECT 1 FROM kept k, jsonb_each_text(k.checkpoint -> 'channel_versions') v
    WHERE k.checkpoint_ns = b.checkpoint_ns AND v.key = b.channel AND v.value = b.version)`;

export class TurnCheckpointer extends PostgresSaver {
  private readonly staged = new Map<string, StagedPut[]>();
  private readonly latest: BoundedMap<string, CheckpointTuple>;
  private readonly expected = new Map<string, string | null>();

  constructor(pool: pg.Pool, options: { cacheLimit?: number } = {}) {
    super(pool);
    this.latest = new BoundedMap(options.cacheLimit ?? 10_000);
  }

  // The dialog row names the checkpoint that committed last; a cached tuple is used only when it is that one.
  beginTurn(threadId: string, committedCheckpointId: string | null): void {
    this.staged.delete(threadId);
    this.expected.set(threadId, committedCheckpointId);
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = threadOf(config);
    const wanted = config.configurable?.checkpoint_id;
    const cached = threadId ? this.latest.get(threadId) : undefined;
    if (threadId && !wanted && this.expected.has(threadId)) {
      const expected = this.expected.get(threadId);
      if (expected === null) return undefined;
      if (cached && cached.checkpoint.id === expected) return cached;
    }
    return super.getTuple(config);
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId = threadOf(config);
    if (!threadId || !this.expected.has(threadId)) return super.put(config, checkpoint, metadata, newVersions);
    const list = this.staged.get(threadId) ?? [];
    list.push({ config, checkpoint, metadata, newVersions });
    this.staged.set(threadId, list);
    return { configurable: { thread_id: threadId, checkpoint_ns: "", checkpoint_id: checkpoint.id } };
  }

  // Pending writes matter only for resuming an interrupted step; a turn that commits has none left to resume.
  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    const threadId = threadOf(config);
    if (threadId && this.expected.has(threadId)) return;
    return super.putWrites(config, writes, taskId);
  }

  /** The staged checkpoint as rows for the turn's own write (blobs as parallel arrays); null when nothing was staged. */
  async stagedRows(threadId: string): Promise<StagedCheckpoint | null> {
    const puts = this.staged.get(threadId);
    const last = puts?.at(-1);
    if (!puts || !last) return null;
    const rows: StagedCheckpoint = {
      id: last.checkpoint.id,
      parentId: last.config.configurable?.checkpoint_id ?? null,
      checkpoint: this._dumpCheckpoint(last.checkpoint),
      metadata: await this._dumpMetadata(last.metadata),
      channels: [],
      versions: [],
      types: [],
      blobs: [],
    };
    for (const put of puts) {
      const dumped = await this._dumpBlobs(threadId, "", put.checkpoint.channel_values, put.newVersions);
      for (const [, , channel, version, type, blob] of dumped) {
        rows.channels.push(channel);
        rows.versions.push(version);
        rows.types.push(type);
        rows.blobs.push(blob ?? null);
      }
    }
    return rows;
  }

  /** Keeps the newest `keep` checkpoints of the thread and drops blobs and writes nothing refers to any more. */
  async prune(db: Pick<pg.Pool, "query">, threadId: string, keep: number): Promise<void> {
    await db.query({ name: "prune-checkpoints", text: PRUNE, values: [threadId, keep] });
  }

  // After the transaction commits, the flushed checkpoint becomes the cached latest one.
  committed(threadId: string): void {
    const last = this.staged.get(threadId)?.at(-1);
    this.staged.delete(threadId);
    this.expected.delete(threadId);
    if (!last) return;
    this.latest.set(threadId, {
      config: { configurable: { thread_id: threadId, checkpoint_ns: "", checkpoint_id: last.checkpoint.id } },
      checkpoint: last.checkpoint,
      metadata: last.metadata,
      parentConfig: last.config.configurable?.checkpoint_id
        ? {
            configurable: {
              thread_id: threadId,
              checkpoint_ns: "",
              checkpoint_id: last.config.configurable.checkpoint_id,
            },
          }
        : undefined,
      pendingWrites: [],
    });
  }

  abandon(threadId: string): void {
    this.staged.delete(threadId);
    this.expected.delete(threadId);
  }

  forget(threadId: string): void {
    this.abandon(threadId);
    this.latest.delete(threadId);
  }
}

function threadOf(config: RunnableConfig): string | undefined {
  const id: unknown = config.configurable?.thread_id;
  return typeof id === "string" ? id : undefined;
}
