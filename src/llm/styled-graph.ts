// LLM_STYLE=on: the funnel's questions and summaries reach the client rephrased; everything else about the graph is untouched.
import { BoundedMap } from "@wewall/shared";
import type { FunnelGraph } from "../graph/graph.js";
import type { ReplyStyler } from "./reply-styler.js";

// Stages whose replies are the funnel's own fixed texts (askSlot, confirm); tool results and leads stay verbatim.
const STYLED_STAGES = new Set(["slots", "confirm"]);
// Fixed questions repeat across dialogs: one rephrasing each per process, not one call per client.
const CACHED_TEXTS = 500;

/** The graph with replies rephrased after each turn; only `invoke` differs, so the dialog engine cannot tell. */
export function withStyledReplies(graph: FunnelGraph, styler: ReplyStyler): FunnelGraph {
  const cache = new BoundedMap<string, string>(CACHED_TEXTS);
  const restyle = async (text: string, dialogId: string, repeatable: boolean) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const styled = await styler.restyle(text, dialogId);
    if (repeatable && styled !== text) {
      cache.set(text, styled);
    }
    return styled;
  };
  const invoke: FunnelGraph["invoke"] = async (input, options) => {
    const after = await graph.invoke(input, options);
    const dialogId = options?.configurable?.thread_id;
    if (typeof dialogId !== "string" || !STYLED_STAGES.has(after.stage) || after.owner !== "bot") return after;
    const replies = await Promise.all(
      after.replies.map(async (reply) => ({
        ...reply,
        text: await restyle(reply.text, dialogId, after.stage === "slots"),
      })),
    );
    return { ...after, replies };
  };
  return new Proxy(graph, {
    get: (target, property, receiver) => (property === "invoke" ? invoke : Reflect.get(target, property, receiver)),
  });
}
