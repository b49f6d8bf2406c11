// What the client sees when a manager sends something without text.
import { describe, expect, it } from "vitest";
import { operatorText } from "./create-webhook-processor.js";

describe("operatorText", () => {
  it("passes text through and describes files and media", () => {
    expect(operatorText({ id: "1", type: "text", text: "  Добрый день " })).toBe("Добрый день");
    expect(operatorText({ id: "2", type: "file", file_name: "plan.pdf", media: "https://x/plan.pdf" })).toBe(
      "[файл] plan.pdf https://x/plan.pdf",
    );
    expect(operatorText({ id: "3", type: "picture", media: "https://x/p.jpg" })).toBe("[вложение] https://x/p.jpg");
    expect(operatorText({ id: "4", type: "sticker" })).toBe("[sticker]");
  });
});
