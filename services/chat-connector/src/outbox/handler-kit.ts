// Building blocks of the outbox call handlers: one-row and batched handlers, and the contact fields we write.
import type { CustomFieldValue } from "../amocrm/create-amocrm-client.js";
import type { CallHandler } from "./create-outbox-worker.js";
import type { OutboxRow } from "./create-outbox.js";

// The dialog was erased after the row was queued: the row completes without a request.
export const gone = Symbol("dialog erased");

export const phoneField = (phone: string): CustomFieldValue => ({
  field_code: "PHONE",
  values: [{ value: phone, enum_code: "MOB" }],
});
// Without a phone the contact is found again by the dialog id kept in its IM field.
export const imField = (dialogId: string): CustomFieldValue => ({
  field_code: "IM",
  values: [{ value: dialogId, enum_code: "OTHER" }],
});

// One row, one request; a dialog erased meanwhile makes the row a no-op.
export const single = (run: (row: OutboxRow) => Promise<void>): CallHandler => ({
  maxBatch: 1,
  async run(rows) {
    for (const row of rows) await run(row);
    return new Map();
  },
});

// Many rows, one request; rows whose prerequisites are missing wait and are left out.
export function batched<T>(
  prepare: (row: OutboxRow) => Promise<T | typeof gone>,
  send: (items: T[]) => Promise<void>,
): CallHandler {
  return {
    maxBatch: 50,
    async run(rows) {
      const failures = new Map<number, unknown>();
      // Prepared side by side: one slow preparation (a model-written note) must not queue the others behind it.
      const prepared = await Promise.all(
        rows.map(async (row): Promise<T | typeof gone> => {
          try {
            return await prepare(row);
          } catch (error) {
            failures.set(row.id, error);
            return gone;
          }
        }),
      );
      const items: T[] = [];
      for (const item of prepared) if (item !== gone) items.push(item);
      if (items.length > 0) await send(items);
      return failures;
    },
  };
}
