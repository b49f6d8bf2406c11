// Which bin of an LCT-2022 table an object or an analog falls in.
import type { CoefficientMatrix } from "@wewall/catalogue";

interface Range {
  label: string;
  from: number;
  to: number;
}

// Labels look like "<30", "30-50", ">120"; values past the last bin belong to it (a 20 m² kitchen is "10-15").
export function rangeBin(value: number | null | undefined, matrix: CoefficientMatrix): string | null {
  if (value === null || value === undefined || matrix.bins.length === 0) return null;
  const ranges = rangesOf(matrix);
  const hit = ranges.find((r) => value >= r.from && value < r.to);
  if (hit) return hit.label;
  const last = ranges[ranges.length - 1];
  const first = ranges[0];
  return last && value >= last.to ? last.label : (first?.label ?? null);
}

// Parsed once per loaded table: every valuation bins a dozen analogs against the same labels.
const parsed = new WeakMap<CoefficientMatrix, Range[]>();

function rangesOf(matrix: CoefficientMatrix): Range[] {
  let ranges = parsed.get(matrix);
  if (!ranges) {
    ranges = matrix.bins.map(parseRange).filter((r): r is Range => r !== null);
    ranges.sort((a, b) => a.from - b.from);
    parsed.set(matrix, ranges);
  }
  return ranges;
}

function parseRange(label: string): Range | null {
  const text = label.replaceAll(" ", "").replace(",", ".");
  let match = /^<(\d+(?:\.\d+)?)$/u.exec(text);
  if (match) return { label, from: -Infinity, to: Number(match[1]) };
  match = /^>=?(\d+(?:\.\d+)?)$/u.exec(text);
  if (match) return { label, from: Number(match[1]), to: Infinity };
  match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/u.exec(text);
  if (match) return { label, from: Number(match[1]), to: Number(match[2]) };
  return null;
}

export function floorBin(floor: number | null | undefined, floorsTotal: number | null | undefined): string | null {
  if (floor === null || floor === undefined || floorsTotal === null || floorsTotal === undefined) return null;
  if (floor <= 1) return "первый";
  return floor >= floorsTotal ? "последний" : "средний";
}

export function balconyBin(balcony: boolean | null | undefined): string | null {
  if (balcony === null || balcony === undefined) return null;
  return balcony ? "есть" : "нет";
}

const RENOVATION_BINS = {
  none: "без отделки",
  municipal: "муниципальный ремонт",
  modern: "современная отделка",
} as const;

export function renovationBin(renovation: keyof typeof RENOVATION_BINS | null | undefined): string | null {
  return renovation ? RENOVATION_BINS[renovation] : null;
}
