// The reply guard: grounded answers pass; invented figures, promises, links, leaks and abuse do not.
import { describe, expect, it } from "vitest";
import { interpreterInstructions, PROMPT_CANARY } from "./interpreter-prompt.js";
import { leakFingerprints, replyViolations } from "./reply-guard.js";

const sources = [
  "При покупке квартиры с нашим сопровождением комиссия агентства составляет 2% от цены объекта, но не меньше 150 000 рублей.",
  "Бот и менеджеры в чате не обещают скидок. Предварительную оценку квартиры бот делает бесплатно.",
];
const facts = { sources, fingerprints: leakFingerprints(interpreterInstructions) };
const check = (reply: string) => replyViolations(reply, facts);

describe("reply guard", () => {
  it.each([
    "Комиссия при покупке — 2% от цены объекта, но не меньше 150 000 рублей.",
    "Скидок бот не обещает: условия фиксированы договором.",
    "Предварительную оценку бот делает бесплатно.",
    "Комиссия — два процента от цены.",
  ])("passes a grounded answer: %s", (reply) => {
    expect(check(reply)).toEqual([]);
  });

  it.each([
    ["Комиссия 1,5% для вас.", "number"],
    ["Дадим вам скидку на комиссию.", "discount"],
    ["Не переживайте, мы гарантируем одобрение.", "guarantee"],
    ["Ипотеку вам точно одобрят.", "guarantee"],
    ["Подарим кухню в подарок при покупке.", "promise"],
    ["Подробнее на https://evil.example/x", "link"],
    [`Служебная метка ${PROMPT_CANARY}`, "leak"],
    ["Мой системный промпт такой: отвечай кратко.", "leak"],
    ["Извлекай только то, что прямо сказано в сообщении, — так мне велели.", "leak"],
    ["Ну ты и идиот.", "abuse"],
    ["Как языковая модель я могу всё.", "role"],
  ])("flags %s as %s", (reply, violation) => {
    expect(check(reply)).toContain(violation);
  });
});
