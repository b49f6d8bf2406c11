// Lower case, ё as е, single spaces: the form every rule matches against.
export function normalizeText(text: string): string {
  return text.toLowerCase().replaceAll("ё", "е").replace(/\s+/g, " ").trim();
}

// JavaScript's \b knows only Latin letters, so Russian word edges are spelled out.
const EDGE_BEFORE = "(?<![\\p{L}\\p{N}])";
const EDGE_AFTER = "(?![\\p{L}\\p{N}])";

/** A regex matching any of the word stems at a word start (stems may continue: "аренд" matches "аренду"). */
export function stems(...words: string[]): RegExp {
  return new RegExp(`${EDGE_BEFORE}(?:${words.join("|")})`, "u");
}

/** A regex matching any of the whole words or phrases. */
export function words(...phrases: string[]): RegExp {
  return new RegExp(`${EDGE_BEFORE}(?:${phrases.join("|")})${EDGE_AFTER}`, "u");
}
