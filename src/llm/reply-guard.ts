// Deterministic checks on model-written text before a client sees it: no invented figures, promises, links or leaks.
import { extractNumbers } from "@wewall/ru-numbers";
import { BoundedMap } from "@wewall/shared";
import { normalizeText } from "../nlu/normalize-text.js";
import { PROMPT_CANARY } from "./interpreter-prompt.js";

export type Violation = "leak" | "number" | "discount" | "promise" | "guarantee" | "link" | "abuse" | "role";

const LEAK =
  /систем\S* (промпт|инструкц|сообщени|настро)|system prompt|мои (инструкции|правила|настройки)|мне (было )?велено|my instructions|developer message/u;
const DISCOUNT = /скидк|дисконт|уступ|снизим цен|снижу цен|подешевле сдела/u;
const PROMISE = /бесплатн|в подарок|подарим|акци[яиюей]\b|кэшб[еэ]к|cashback|промокод/u;
const GUARANTEE =
  /гарант|100 ?%|точно одобр|обязательно одобр|одобрят|одобрим|выиграе|без (каких-либо |всяких )?риск|никаких риск|юридически чист|суд .{0,20}(на вашей стороне|выигр)/u;
// A negation counts only right before the phrase ("скидок не даём" is fine, "Не волнуйтесь, суд выиграем" is not).
const NEGATION_BEFORE = /(^|\s)(не|нет|без|ни)\s+(\S+\s+)?$/u;
const NEGATION_AFTER = /^\S*\s+(не|нет)\s/u;
const LINK = /https?:\/\/\S+|www\.\S+|t\.me\/\S+|\S+\.(ru|com|net|org|io)\b/gu;
const ABUSE = /(^|\s)(бля|хуй|хуе|хуё|пизд|ебат|ебан|ёбан|сука|мудак|дебил|идиот|тупой клиент)/u;
const ROLE =
  /как (ии|языковая модель)|as an ai|i am an ai|режим разработчика|developer mode|dan mode|jailbreak|я больше не (бот|помощник)/u;

const SHINGLE = 6;
const wordsOf = (text: string) => normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of six words of the instructions: quoting one can only be a leak. */
export function leakFingerprints(...instructions: string[]): string[] {
  const shingles = new Set<string>();
  for (const text of instructions) {
    const words = wordsOf(text);
    for (let i = 0; i + SHINGLE <= words.length; i += 1) shingles.add(words.slice(i, i + SHINGLE).join(" "));
  }
  return [...shingles];
}

// Passages come back again and again: their figures are read once per text, not once per reply.
const CACHED_SOURCES = 1000;
const sourceNumbers = new BoundedMap<string, number[]>(CACHED_SOURCES);

function numbersIn(source: string): number[] {
  const cached = sourceNumbers.get(source);
  if (cached) return cached;
  const numbers = extractNumbers(source).map((match) => match.value);
  sourceNumbers.set(source, numbers);
  return numbers;
}

export interface GuardFacts {
  /** Text the reply may draw figures, promises and links from: retrieved passages, tool results, the original. */
  sources: string[];
  /** Long sentences of the instructions that must never be quoted. */
  fingerprints: string[];
}

function quotes(reply: string, fingerprints: readonly string[]): boolean {
  const words = wordsOf(reply);
  const known = new Set(fingerprints);
  for (let i = 0; i + SHINGLE <= words.length; i += 1)
    if (known.has(words.slice(i, i + SHINGLE).join(" "))) return true;
  return false;
}

export function replyViolations(reply: string, facts: GuardFacts): Violation[] {
  const text = normalizeText(reply);
  const source = normalizeText(facts.sources.join("\n"));
  const found = new Set<Violation>();
  if (reply.includes(PROMPT_CANARY) || LEAK.test(text) || quotes(reply, facts.fingerprints)) found.add("leak");
  const known = new Set(facts.sources.flatMap(numbersIn));
  if (extractNumbers(reply).some((match) => !known.has(match.value))) found.add("number");
  for (const sentence of text.split(/[.!?\n]+/u)) {
    if (affirmed(sentence, DISCOUNT)) found.add("discount");
    if (affirmed(sentence, GUARANTEE)) found.add("guarantee");
    const promise = affirmed(sentence, PROMISE);
    if (promise && !source.includes(promise)) found.add("promise");
  }
  for (const link of text.match(LINK) ?? []) if (!source.includes(link)) found.add("link");
  if (ABUSE.test(text)) found.add("abuse");
  if (ROLE.test(text)) found.add("role");
  return [...found];
}

/** The first match of the pattern in the sentence that no adjacent negation cancels. */
function affirmed(sentence: string, pattern: RegExp): string | undefined {
  for (const match of sentence.matchAll(new RegExp(pattern.source, "gu"))) {
    const before = sentence.slice(Math.max(0, match.index - 30), match.index);
    const after = sentence.slice(match.index, match.index + match[0].length + 20);
    if (!NEGATION_BEFORE.test(before) && !NEGATION_AFTER.test(after)) return match[0];
  }
  return undefined;
}
