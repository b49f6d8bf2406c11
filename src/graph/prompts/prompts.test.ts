// Russian agreement of counts, and the sentences that carry numbers or another channel's words.
import { channelTexts } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { countOf, prompts } from "./index.js";

const variants: [string, string, string] = ["вариант", "варианта", "вариантов"];

describe("prompts", () => {
  it("agrees the noun with the count as Russian does", () => {
    const said = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1_001].map((n) => countOf(n, variants));
    expect(said).toEqual([
      "0 вариантов",
      "1 вариант",
      "2 варианта",
      "4 варианта",
      "5 вариантов",
      "11 вариантов",
      "12 вариантов",
      "14 вариантов",
      "21 вариант",
      "22 варианта",
      "25 вариантов",
      "101 вариант",
      "111 вариантов",
      "112 вариантов",
      "1001 вариант",
    ]);
  });

  it("says how many listings were found, and that a capped count is a lower bound", () => {
    expect(prompts.found(1, false, 0)).toBe("Нашёл 1 вариант. Вот он:");
    expect(prompts.found(7, false, 0)).toBe("Нашёл 7 вариантов. Вот лучшие:");
    expect(prompts.found(7, false, 3)).toBe("Нашёл 7 вариантов. Вот следующие:");
    expect(prompts.found(500, true, 0)).toBe("Нашёл больше 500 вариантов. Вот лучшие:");
  });

  it("names the phone button by the label the channels show on it", () => {
    expect(prompts.askPhone).toContain(`«${channelTexts.sharePhoneButton}»`);
  });
});
