// Scripted Russian dialogs for the LLM benchmark: mostly rule-settled turns, some free phrasings only a model reads.
import type { FakeAnswer } from "@wewall/test-support";
import { modelTurn } from "../llm/testing/llm-test-env.js";

export interface BenchTurn {
  text: string;
  /** What the fake model answers when this text reaches it. */
  model?: FakeAnswer;
}

const stations = ["Таганская", "Курская", "Бауманская", "Маяковская", "Арбатская"];
const contact = (n: number): BenchTurn[] => [
  { text: `+7 916 123-45-${String(10 + n).padStart(2, "0")}` },
  { text: "Иван" },
  { text: "да" },
];

function searchByRules(n: number): BenchTurn[] {
  const station = stations[n % stations.length] ?? "Таганская";
  return [
    { text: "привет" },
    { text: `ищу ${(n % 3) + 1}-комнатную у ${station} до ${12 + n} млн, метров ${40 + n}` },
    { text: `${5 + (n % 10)} минут` },
    { text: "да" },
    ...contact(n),
  ];
}

function searchWithFreeWords(n: number): BenchTurn[] {
  return [
    { text: "привет" },
    { text: `ищу двушку до ${12 + n} млн, метров ${45 + n}` },
    {
      text: "хочется поближе к соколу",
      model: { json: modelTurn("answer", { slots: { metro: "Сокол" } }) },
    },
    { text: `${7 + (n % 5)} минут` },
    { text: "ну в целом устраивает, поехали", model: { json: modelTurn("agree") } },
    ...contact(n),
  ];
}

function valuationWithToolCall(n: number): BenchTurn[] {
  const station = stations[(n + 2) % stations.length] ?? "Курская";
  return [
    { text: "привет" },
    { text: "хочу оценить квартиру" },
    { text: `двушка, ${48 + n} метров, у ${station}` },
    { text: `${6 + (n % 8)} минут` },
    { text: `${3 + (n % 6)}` },
    { text: "12" },
    { text: "да" },
    {
      text: "а сколько будет стоить такая же, но на Соколе?",
      model: { toolCalls: [{ name: "valuate_property", args: { metro: "Сокол" } }] },
    },
    { text: "да" },
    ...contact(n),
  ];
}

function questionThenSearch(n: number): BenchTurn[] {
  const questions = ["Какая у вас комиссия?", "Какие документы нужны для продажи?", "Когда работает ваш офис?"];
  return [
    { text: questions[n % questions.length] ?? "Какая у вас комиссия?" },
    { text: `ищу ${(n % 3) + 1}-комнатную у Таганской до ${15 + n} млн, метров ${50 + n}` },
    { text: "10 минут" },
    { text: "да" },
    ...contact(n),
  ];
}

function handoffInFreeWords(n: number): BenchTurn[] {
  return [
    { text: "привет" },
    { text: `ищу двушку до ${12 + n} млн, метров ${45 + n}` },
    { text: "мне бы с живым кем-нибудь поговорить", model: { json: modelTurn("handoff") } },
  ];
}

function intentInFreeWords(n: number): BenchTurn[] {
  return [
    { text: "привет" },
    { text: "хочу понять почём моя хата", model: { json: modelTurn("intent_switch", { intent: "valuation" }) } },
    { text: "квартира" },
    { text: `двушка, ${50 + n} метров, у Курской` },
    { text: "10 минут" },
    { text: "5" },
    { text: "9" },
    { text: "да" },
    ...contact(n),
  ];
}

const templates = [
  searchByRules,
  searchWithFreeWords,
  valuationWithToolCall,
  questionThenSearch,
  handoffInFreeWords,
  intentInFreeWords,
];

/** `count` dialogs cycling through the templates with varied figures. */
export function benchDialogs(count: number): BenchTurn[][] {
  return Array.from(
    { length: count },
    (_, i) => templates[i % templates.length]?.(Math.floor(i / templates.length)) ?? [],
  );
}
