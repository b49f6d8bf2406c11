// Folds a chat's back-to-back lead updates into one call before they are queued: fewer requests, same end state.
import { callPayloads } from "./call-payloads.js";
import type { OutboxCall } from "./create-outbox.js";

export function coalesceCalls(calls: readonly OutboxCall[]): OutboxCall[] {
  const out: OutboxCall[] = [];
  const lastOfChat = new Map<string, number>();
  for (const next of calls) {
    const index = lastOfChat.get(next.chatKey);
    const previous = index === undefined ? undefined : out[index];
    const a = previous?.kind === "update_lead" ? callPayloads.update_lead.safeParse(previous.payload).data : undefined;
    const b = next.kind === "update_lead" ? callPayloads.update_lead.safeParse(next.payload).data : undefined;
    if (index !== undefined && previous && a && b) {
      const fields = new Map((a.fields ?? []).map((f) => [f.field_id ?? f.field_code, f]));
      for (const f of b.fields ?? []) fields.set(f.field_id ?? f.field_code, f);
      const statusId = b.statusId ?? a.statusId;
      const price = b.price ?? a.price;
      out[index] = {
        ...previous,
        payload: {
          dialogId: a.dialogId,
          ...(statusId === undefined ? {} : { statusId }),
          ...(price === undefined ? {} : { price }),
          ...(fields.size ? { fields: [...fields.values()] } : {}),
        },
      };
      continue;
    }
    lastOfChat.set(next.chatKey, out.length);
    out.push(next);
  }
  return out;
}
