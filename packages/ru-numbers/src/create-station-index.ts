// Metro station look-up in any grammatical case, linear in the message: word stems index the names in a Map.
import { stem } from "./stem.js";
import { tokenize, type Token } from "./tokenize.js";

export interface Station {
  name: string;
  line?: string;
}

export interface StationMatch {
  /** Canonical station name as given to the index. */
  name: string;
  line?: string;
  start: number;
  end: number;
  firstToken: number;
  nextToken: number;
}

export interface StationIndex {
  readonly size: number;
  /** Station mentions in text order. */
  find(text: string): StationMatch[];
  /**
   * Same over an already tokenised message (the slot parser reuses its tokens). `asked`: the bot has just asked for
   * the station, so a name that is also an everyday word ("Сокол") needs no "метро" before it.
   */
  findInTokens(tokens: readonly Token[], asked?: boolean): StationMatch[];
}

interface Entry {
  keys: string[];
  station: Station;
  /** A common word or town name too: only taken after "м.", "метро", "станция". */
  needsCue: boolean;
}

// Names that are also everyday words or towns ("отдых", "Химки"): without a metro cue they are not stations.
const NEEDS_CUE = new Set(
  (
    "отдых победа марк депо южная солнечная сокол динамо спартак аэропорт университет спортивная молодежная " +
    "окружная локомотив технопарк панки ипподром перерва беговая водники физтех внуково лобня химки подольск " +
    "одинцово люберцы реутов железнодорожная долгопрудная крюково сходня котельники щербинка нахабино апрелевка " +
    "раменское кокошкино отрадное малино бутово хлебниково кратово быково томилино малаховка красково ильинская " +
    "опалиха павшино силикатная мякинино пенягино центральная фили первомайская"
  )
    .split(" ")
    .map(stem),
);
// "Комсомольский проспект", "на Тверской улице": a street named like a station is a street.
const STREET_WORDS = new Set(
  "проспект проспекте проспекта пр просп улица улице улицы ул шоссе переулок переулке пер бульвар бульваре наб набережная набережной проезд проезде".split(
    " ",
  ),
);
const CUES = new Set("м метро ст станция станции станцию станцией мцд мцк".split(" "));
const STOP_WORDS = new Set(["им", "имени", "i"]);
const LEADING_GENERIC = new Set(["улиц", "проспект", "бульвар", "площад", "шоссе"]);
// Street-style abbreviations clients use in station names: "пр. Мира", "ул. 1905 года", "пл. Ильича".
const ABBREVIATIONS = new Map([
  ["пр", "проспект"],
  ["просп", "проспект"],
  ["ул", "улиц"],
  ["пл", "площад"],
  ["ш", "шоссе"],
]);
const ALIASES: [string, string][] = [
  ["таганка", "Таганская"],
  ["бауманка", "Бауманская"],
  ["третьяковка", "Третьяковская"],
  ["юго-запад", "Юго-Западная"],
  ["электрозавод", "Электрозаводская"],
  ["библиотека ленина", "Библиотека им.Ленина"],
  ["сити", "Москва-Сити"],
  ["маяковка", "Маяковская"],
  ["новослободка", "Новослободская"],
  ["смоленка", "Смоленская"],
  ["китайгород", "Китай-город"],
];

function keyOf(token: Token): string | null {
  if (token.type === "num") return token.text;
  if (token.type !== "word" || STOP_WORDS.has(token.text)) return null;
  return ABBREVIATIONS.get(token.text) ?? stem(token.text);
}

/** Keys of a message: null marks tokens that a name may skip ("-", ".", stop words); "" breaks a name. */
function messageKeys(tokens: readonly Token[]): (string | null)[] {
  return tokens.map((t) => {
    if (t.type === "punct") return t.text === "-" || t.text === "." ? null : "";
    return keyOf(t);
  });
}

function nameKeys(name: string): string[] {
  const keys: string[] = [];
  for (const token of tokenize(name)) {
    const key = keyOf(token);
    if (key !== null) keys.push(key);
  }
  return keys;
}

export function createStationIndex(stations: readonly Station[]): StationIndex {
  const byFirstKey = new Map<string, Entry[]>();
  const seen = new Set<string>();
  const canonical = new Map<string, Station>();
  const register = (keys: string[], station: Station): void => {
    const first = keys[0];
    const joined = keys.join(" ");
    if (first === undefined || seen.has(joined)) return;
    seen.add(joined);
    const needsCue = keys.length === 1 && NEEDS_CUE.has(first);
    const list = byFirstKey.get(first) ?? [];
    list.push({ keys, station, needsCue });
    list.sort((x, y) => y.keys.length - x.keys.length);
    byFirstKey.set(first, list);
  };
  // Plain names first, so "Деловой центр" keeps its own key before "Деловой центр (Выставочная)" adds an alias.
  const ordered = [...stations].sort((x, y) => Number(x.name.includes("(")) - Number(y.name.includes("(")));
  for (const raw of ordered) {
    const station: Station =
      raw.line === undefined ? { name: raw.name.trim() } : { name: raw.name.trim(), line: raw.line };
    if (!canonical.has(station.name)) canonical.set(station.name, station);
    const paren = station.name.match(/^(.*?)\s*\((.*)\)\s*$/);
    const keys = nameKeys(paren?.[1] ?? station.name);
    register(keys, station);
    if (paren?.[2]) register(nameKeys(paren[2]), station);
    const rest = keys.slice(1);
    if (LEADING_GENERIC.has(keys[0] ?? "") && (rest.length >= 2 || (rest[0] ?? "").length >= 7))
      register(rest, station);
  }
  for (const [alias, name] of ALIASES) {
    const station = canonical.get(name);
    if (station) register(nameKeys(alias), station);
  }
  return {
    size: canonical.size,
    find: (text) => findInTokens(byFirstKey, tokenize(text), false),
    findInTokens: (tokens, asked = false) => findInTokens(byFirstKey, tokens, asked),
  };
}

function hasCue(keys: readonly (string | null)[], tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1, seen = 0; k >= 0 && k >= at - 8 && seen < 3; k--) {
    const token = tokens[k];
    if (!token || token.type !== "word") continue;
    if (CUES.has(token.text) || CUES.has(keys[k] ?? "")) return true;
    seen++;
  }
  return false;
}

function matchEntry(keys: readonly (string | null)[], at: number, entry: Entry): number {
  let k = at;
  for (const want of entry.keys) {
    while (k < keys.length && keys[k] === null) k++;
    if (keys[k] !== want) return -1;
    k++;
  }
  return k;
}

function findInTokens(
  byFirstKey: ReadonlyMap<string, Entry[]>,
  tokens: readonly Token[],
  asked: boolean,
): StationMatch[] {
  const keys = messageKeys(tokens);
  const found: StationMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirstKey.get(keys[i] ?? "");
    if (!candidates) continue;
    for (const entry of candidates) {
      const next = matchEntry(keys, i, entry);
      if (next < 0 || (entry.needsCue && !asked && !hasCue(keys, tokens, i))) continue;
      const after = tokens[next];
      if (after?.type === "word" && STREET_WORDS.has(after.text)) continue;
      const first = tokens[i];
      const last = tokens[next - 1];
      if (!first || !last) continue;
      const match: StationMatch = {
        name: entry.station.name,
        start: first.start,
        end: last.end,
        firstToken: i,
        nextToken: next,
      };
      if (entry.station.line !== undefined) match.line = entry.station.line;
      found.push(match);
      i = next - 1;
      break;
    }
  }
  return found;
}
