// Every case and gender form of Russian cardinal, ordinal and scale words, keyed by normalised spelling (ё→е).

export type WordClass = "zero" | "unit" | "teen" | "ten" | "hundred" | "scale";

export interface NumberWord {
  cls: WordClass;
  value: number;
  ordinal: boolean;
  /** Decimal denominator (10, 100, 1000…) when the ordinal form can name a fraction: "пять десятых". */
  denominator?: number;
  /** Also a common non-numeral word ("семью" = family): taken only inside a compound number. */
  weak?: boolean;
  /** Fraction word such as "полтора". */
  fraction?: boolean;
  /** One-word ordinal of a round scale ("двухтысячный" = 2000th): it stands alone. */
  compound?: boolean;
}

const CARDINALS: [number, string][] = [
  [0, "ноль нуль нуля ноля нулю нолю нулем нолем нуле ноле"],
  [1, "один одна одно одни одного одной одному одну одним одном одними одних одною"],
  [2, "два две двух двум двумя"],
  [3, "три трех трем тремя"],
  [4, "четыре четырех четырем четырьмя"],
  [5, "пять пяти пятью"],
  [6, "шесть шести шестью"],
  [7, "семь семи семью"],
  [8, "восемь восьми восемью восьмью"],
  [9, "девять девяти девятью"],
  [10, "десять десяти десятью"],
  [11, "одиннадцать одиннадцати одиннадцатью"],
  [12, "двенадцать двенадцати двенадцатью"],
  [13, "тринадцать тринадцати тринадцатью"],
  [14, "четырнадцать четырнадцати четырнадцатью"],
  [15, "пятнадцать пятнадцати пятнадцатью"],
  [16, "шестнадцать шестнадцати шестнадцатью"],
  [17, "семнадцать семнадцати семнадцатью"],
  [18, "восемнадцать восемнадцати восемнадцатью"],
  [19, "девятнадцать девятнадцати девятнадцатью"],
  [20, "двадцать двадцати двадцатью"],
  [30, "тридцать тридцати тридцатью"],
  [40, "сорок сорока"],
  [50, "пятьдесят пятидесяти пятьюдесятью"],
  [60, "шестьдесят шестидесяти шестьюдесятью"],
  [70, "семьдесят семидесяти семьюдесятью"],
  [80, "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью"],
  [90, "девяносто девяноста"],
  [100, "сто ста"],
  [200, "двести двухсот двумстам двумястами двухстах"],
  [300, "триста трехсот тремстам тремястами трехстах"],
  [400, "четыреста четырехсот четыремстам четырьмястами четырехстах"],
  [500, "пятьсот пятисот пятистам пятьюстами пятистах"],
  [600, "шестьсот шестисот шестистам шестьюстами шестистах"],
  [700, "семьсот семисот семистам семьюстами семистах"],
  [800, "восемьсот восьмисот восьмистам восемьюстами восьмьюстами восьмистах"],
  [900, "девятьсот девятисот девятистам девятьюстами девятистах"],
  [1000, "тысяча тысячи тысяче тысячу тысячей тысячею тысяч тысячам тысячами тысячах тыща тыщи тыщу тыщей тыщ тысячь"],
  [1e6, "миллион миллиона миллиону миллионом миллионе миллионы миллионов миллионам миллионами миллионах"],
  [1e9, "миллиард миллиарда миллиарду миллиардом миллиарде миллиарды миллиардов миллиардам миллиардами миллиардах"],
  [1e12, "триллион триллиона триллиону триллионом триллионе триллионы триллионов триллионам триллионами триллионах"],
];

const ORDINAL_STEMS: [number, string][] = [
  [0, "нулев"],
  [1, "перв"],
  [2, "втор"],
  [4, "четверт"],
  [5, "пят"],
  [6, "шест"],
  [7, "седьм"],
  [8, "восьм"],
  [9, "девят"],
  [10, "десят"],
  [11, "одиннадцат"],
  [12, "двенадцат"],
  [13, "тринадцат"],
  [14, "четырнадцат"],
  [15, "пятнадцат"],
  [16, "шестнадцат"],
  [17, "семнадцат"],
  [18, "восемнадцат"],
  [19, "девятнадцат"],
  [20, "двадцат"],
  [30, "тридцат"],
  [40, "сороков"],
  [50, "пятидесят"],
  [60, "шестидесят"],
  [70, "семидесят"],
  [80, "восьмидесят"],
  [90, "девяност"],
  [100, "сот"],
  [200, "двухсот"],
  [300, "трехсот"],
  [400, "четырехсот"],
  [500, "пятисот"],
  [600, "шестисот"],
  [700, "семисот"],
  [800, "восьмисот"],
  [900, "девятисот"],
  [1000, "тысячн"],
  [10_000, "десятитысячн"],
  [100_000, "стотысячн"],
  [1e6, "миллионн"],
  [1e9, "миллиардн"],
];

const HARD_ENDINGS = "ый ой ого ому ым ом ая ую ое ые ых ыми ою".split(" ");
const THIRD_FORMS = "третий третьего третьему третьим третьем третья третьей третью третье третьи третьих третьими";
// Forms of the fraction-capable ordinals that name fractions: feminine singular and plural ("две десятых").
const FRACTION_ENDINGS = new Set(["ая", "ой", "ую", "ых", "ым", "ыми", "ою"]);
const DENOMINATOR_STEMS: Record<string, number> = {
  десят: 10,
  сот: 100,
  тысячн: 1000,
  десятитысячн: 10_000,
  стотысячн: 100_000,
  миллионн: 1e6,
};
const WEAK = new Set(["семью"]);
const SCALE_ORDINALS: [number, string][] = [
  [1000, "тысячн"],
  [1e6, "миллионн"],
  [1e9, "миллиардн"],
];

function classOf(value: number): WordClass {
  if (value === 0) return "zero";
  if (value < 10) return "unit";
  if (value < 20) return "teen";
  if (value < 100) return "ten";
  if (value < 1000) return "hundred";
  return "scale";
}

// Misspellings clients really type: a dropped soft sign inside the word, one н in одиннадцать, one л in миллион.
function misspellings(form: string): string[] {
  const out: string[] = [];
  const inner = form.slice(0, -1).replaceAll("ь", "") + form.slice(-1);
  if (inner !== form) out.push(inner);
  if (form.includes("нн")) out.push(form.replace("нн", "н"));
  if (form.includes("лл")) out.push(form.replace("лл", "л"));
  return out;
}

function buildLexicon(): Map<string, NumberWord> {
  const map = new Map<string, NumberWord>();
  const add = (form: string, word: NumberWord): void => {
    if (!map.has(form)) map.set(form, word);
  };
  for (const [value, forms] of CARDINALS) {
    for (const form of forms.split(" ")) {
      const word: NumberWord = { cls: classOf(value), value, ordinal: false };
      if (WEAK.has(form)) word.weak = true;
      add(form, word);
    }
  }
  for (const form of ["полтора", "полторы", "полутора"])
    add(form, { cls: "unit", value: 1.5, ordinal: false, fraction: true });
  for (const form of ["полтораста", "полутораста"]) add(form, { cls: "hundred", value: 150, ordinal: false });
  for (const form of THIRD_FORMS.split(" ")) add(form, { cls: "unit", value: 3, ordinal: true });
  for (const [value, stem] of ORDINAL_STEMS) {
    for (const ending of HARD_ENDINGS) {
      const word: NumberWord = { cls: classOf(value), value, ordinal: true };
      const denominator = DENOMINATOR_STEMS[stem];
      if (denominator !== undefined && FRACTION_ENDINGS.has(ending)) word.denominator = denominator;
      add(stem + ending, word);
    }
  }
  // "двухтысячном", "пятимиллионный": the genitive of the count glued to the scale's ordinal.
  for (const [value, forms] of CARDINALS) {
    if (value < 2 || value > 900) continue;
    const prefix = value === 100 ? "сто" : value === 2 ? "двух" : (forms.split(" ")[1] ?? "");
    for (const [scale, stem] of SCALE_ORDINALS) {
      for (const ending of HARD_ENDINGS) {
        const existing = map.get(prefix + stem + ending);
        if (existing) existing.compound = true;
        else add(prefix + stem + ending, { cls: "scale", value: value * scale, ordinal: true, compound: true });
      }
    }
  }
  // Second pass so a misspelling never shadows a real form of another number.
  for (const [form, word] of [...map]) for (const variant of misspellings(form)) add(variant, word);
  return map;
}

export const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = buildLexicon();
