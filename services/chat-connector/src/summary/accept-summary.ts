// A model-written summary is kept only when it is short, names no contacts and states no figure it was not given.
import { extractNumbers } from "@wewall/ru-numbers";
import { containsContacts } from "./summary-prompt.js";

export const MAX_SUMMARY_CHARS = 800;

// null: the rule-built note stands.
export function acceptSummary(answer: string, sources: readonly string[]): string | null {
  const text = answer.trim();
  if (!text || text.length > MAX_SUMMARY_CHARS || containsContacts(text)) return null;
  const known = new Set(sources.flatMap((source) => extractNumbers(source).map((match) => match.value)));
  // A figure in the summary that appears nowhere in the dialog or the funnel's data is an invented one.
  if (extractNumbers(text).some((match) => !known.has(match.value))) return null;
  return text;
}
