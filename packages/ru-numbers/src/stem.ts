// A crude Russian suffix stripper: enough to make "Таганской", "Таганскую" and "Таганская" one key.
import { memoize } from "./memoize.js";

const SUFFIXES = [
  "ями",
  "ами",
  "ого",
  "его",
  "ому",
  "ему",
  "ыми",
  "ими",
  "ая",
  "яя",
  "ое",
  "ее",
  "ую",
  "юю",
  "ой",
  "ей",
  "ий",
  "ый",
  "ые",
  "ие",
  "ых",
  "их",
  "ым",
  "им",
  "ом",
  "ем",
  "ах",
  "ях",
  "ам",
  "ям",
  "ью",
  "ов",
  "ев",
  "а",
  "я",
  "о",
  "е",
  "у",
  "ю",
  "ы",
  "и",
  "ь",
  "й",
];

// Short words would lose their identity ("мир" → "ми"), so a stem keeps at least this many letters.
const MIN_STEM = 3;

function stripSuffix(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  // Fleeting vowel of genitive plurals: "Черёмушек" and "Черёмушки" share "черемушк", "Городок" and "Городка" "городк".
  if (word.length >= 5 && (word.endsWith("ек") || word.endsWith("ок"))) return word.slice(0, -2) + "к";
  return word;
}

/** Stem of a normalised (lower-case, ё→е) word. */
export const stem: (word: string) => string = memoize(stripSuffix);
