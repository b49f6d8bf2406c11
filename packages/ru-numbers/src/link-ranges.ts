// Pairs "от 10 до 15 млн" / "10-15 млн" into ranges and spreads the shared scale and unit to the bare end.
import type { LocatedMatch } from "./extract-numbers.js";
import type { Token } from "./tokenize.js";

const DASHES = new Set(["-", "–", "—"]);
const FROM = new Set(["от", "с"]);
const TO = new Set(["до", "по"]);

function isRange(tokens: Token[], a: LocatedMatch, b: LocatedMatch): boolean {
  if (b.firstToken - a.nextToken !== 1) return false;
  const between = tokens[a.nextToken];
  if (!between) return false;
  if (between.type === "punct") return DASHES.has(between.text);
  const before = tokens[a.firstToken - 1];
  return between.type === "word" && TO.has(between.text) && before?.type === "word" && FROM.has(before.text);
}

/** The scale the bare lower end shares: "10-15 млн" → 10 млн, but "800 до 1,2 млн" → 800 тыс. */
function sharedScale(low: number, high: LocatedMatch): number {
  const highBare = high.value / high.scale;
  if (low <= highBare) return high.scale;
  const smaller = high.scale / 1000;
  return smaller >= 1000 && low * smaller <= high.value ? smaller : 1;
}

/** "45/30/10 м2" (total/living/kitchen): the area unit written once covers every slash-joined number. */
function shareSlashArea(tokens: Token[], matches: LocatedMatch[]): void {
  for (let k = matches.length - 1; k > 0; k--) {
    const b = matches[k];
    const a = matches[k - 1];
    if (!a || !b || b.unit !== "m2" || a.unit !== undefined || b.firstToken - a.nextToken !== 1) continue;
    const slash = tokens[a.nextToken];
    if (slash?.type === "punct" && slash.text === "/" && !slash.space) a.unit = "m2";
  }
}

export function linkRanges(tokens: Token[], matches: LocatedMatch[]): void {
  shareSlashArea(tokens, matches);
  for (let k = 0; k + 1 < matches.length; k++) {
    const a = matches[k];
    const b = matches[k + 1];
    if (!a || !b || a.unit === "phone" || b.unit === "phone" || a.rangeWith !== undefined) continue;
    if (!isRange(tokens, a, b)) continue;
    a.rangeWith = k + 1;
    b.rangeWith = k;
    if (!a.scaled && b.scaled) {
      const scale = sharedScale(a.value, b);
      if (scale > 1) {
        a.value *= scale;
        a.scale = scale;
        a.scaled = true;
      }
    }
    // "от 9 млн до 11": the upper end inherits the lower end's scale when that keeps the order.
    if (a.scaled && !b.scaled && b.value * a.scale >= a.value) {
      b.value *= a.scale;
      b.scale = a.scale;
      b.scaled = true;
    }
    if (a.unit === undefined && b.unit !== undefined) a.unit = b.unit;
    else if (b.unit === undefined && a.unit !== undefined) b.unit = a.unit;
  }
}
