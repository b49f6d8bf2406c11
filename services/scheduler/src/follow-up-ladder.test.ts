// The ladder: which rung fits where the client stopped, and what it says.
import { describe, expect, it } from "vitest";
import { nextRung, situationOf } from "./follow-up-ladder.js";

const facts = (stage: string, intent: string | null = "search") => ({
  stage,
  intent,
  lastQuestion: { text: "Сколько комнат?", buttons: [[{ text: "1", data: "rooms:1" }]] },
});

describe("follow-up ladder", () => {
  it("reads where the client stopped", () => {
    expect(situationOf(facts("slots"))).toBe("question");
    expect(situationOf(facts("greeting", null))).toBe("question");
    expect(situationOf(facts("results"))).toBe("search-results");
    expect(situationOf(facts("contact", "valuation"))).toBe("valuation");
    expect(situationOf(facts("done"))).toBeUndefined();
    expect(situationOf(facts("question", "question"))).toBeUndefined();
  });

  it("repeats the open question with its buttons after 2 hours, then offers a call after a day", () => {
    const first = nextRung(facts("slots"), 0);
    expect(first?.rung.afterMs).toBe(2 * 3_600_000);
    const words = first?.rung.words(facts("slots"));
    expect(words?.text).toContain("Сколько комнат?");
    expect(words?.buttons).toEqual([[{ text: "1", data: "rooms:1" }]]);
    expect(nextRung(facts("slots"), 1)?.rung).toMatchObject({ afterMs: 24 * 3_600_000, kind: "call-offer" });
    expect(nextRung(facts("slots"), 2)).toBeUndefined();
  });

  it("offers unseen listings a day after results, and a call three days after a valuation", () => {
    const listings = nextRung(facts("results"), 0);
    expect(listings?.rung).toMatchObject({ afterMs: 24 * 3_600_000, kind: "new-listings" });
    expect(listings?.rung.words(facts("results")).buttons?.[0]?.map((button) => button.data)).toEqual([
      "more",
      "contact:call",
    ]);
    expect(nextRung(facts("contact", "valuation"), 0)?.rung).toMatchObject({
      afterMs: 72 * 3_600_000,
      kind: "call-offer",
    });
    expect(nextRung(facts("contact", "valuation"), 1)).toBeUndefined();
  });
});
