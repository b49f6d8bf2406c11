// Only adjacent lead updates of one chat merge; anything in between keeps them apart.
import { describe, expect, it } from "vitest";
import { call } from "./call-payloads.js";
import { coalesceCalls } from "./coalesce-calls.js";

describe("coalesceCalls", () => {
  it("merges a chat's consecutive lead updates, later values winning", () => {
    const merged = coalesceCalls([
      call("update_lead", { dialogId: "t:1", fields: [{ field_id: 1, values: [{ value: 2 }] }], price: 5 }),
      call("update_lead", { dialogId: "t:2", statusId: 9 }),
      call("update_lead", { dialogId: "t:1", statusId: 12, fields: [{ field_id: 1, values: [{ value: 3 }] }] }),
    ]);
    expect(merged.map((c) => c.payload)).toEqual([
      { dialogId: "t:1", statusId: 12, price: 5, fields: [{ field_id: 1, values: [{ value: 3 }] }] },
      { dialogId: "t:2", statusId: 9 },
    ]);
  });

  it("does not merge across another call of the same chat", () => {
    const calls = [
      call("update_lead", { dialogId: "t:1", statusId: 11 }),
      call("add_note", { dialogId: "t:1", text: "x" }),
      call("update_lead", { dialogId: "t:1", statusId: 16 }),
    ];
    expect(coalesceCalls(calls)).toEqual(calls);
  });
});
