// Splits long text into Telegram-sized messages, preferring paragraph, then sentence, then word boundaries.
export const TELEGRAM_TEXT_LIMIT = 4096;

const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…]["»)]*\s+/g, /[;:,]\s+/g, /\s+/g];

export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

// The last boundary that keeps the head within the limit and not absurdly short.
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  const minimum = Math.floor(limit / 2);
  for (const boundary of BOUNDARIES) {
    let best = -1;
    for (const match of window.matchAll(boundary)) {
      const end = match.index + match[0].length;
      if (end <= limit && match.index >= minimum) best = end;
    }
    if (best > 0) return best;
  }
  // No boundary: a hard cut, never inside a character as the reader sees it (a surrogate pair, a flag, an emoji
  // joined with ZWJ or a skin tone).
  let cut = 0;
  // Read past the limit: the character that straddles it must be seen whole to be left out whole.
  for (const { index } of graphemes.segment(text.slice(0, limit + GRAPHEME_MAX))) {
    if (index > limit) break;
    cut = index;
  }
  return cut > 0 ? cut : limit;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const GRAPHEME_MAX = 64;
