// Every owner change has its event, the one made by a manager writing to a dialog the core has not seen included.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.close());

const operatorMessage = (dialogId: string, messageId: string) =>
  core.service.app.inject({
    headers: asAdmin,
    method: "POST",
    url: `/v1/dialogs/${dialogId}/operator-messages`,
    payload: { messageId, text: "Здравствуйте, я Анна" },
  });

describe("an operator message to a dialog that does not exist", () => {
  it("creates it manager-owned with one owner.changed event before the message", async () => {
    const id = "test:new-by-manager";
    expect((await operatorMessage(id, "amo-1")).statusCode).toBe(202);
    expect((await operatorMessage(id, "amo-2")).statusCode).toBe(202);
    const { rows } = await core.db.pool.query<{ type: string; owner: string | null }>(
      "SELECT type, data ->> 'owner' AS owner FROM events WHERE dialog_id = $1 ORDER BY id",
      [id],
    );
    expect(rows).toEqual([
      { type: "owner.changed", owner: "manager" },
      { type: "message.out", owner: null },
      { type: "message.out", owner: null },
    ]);
  });
});
