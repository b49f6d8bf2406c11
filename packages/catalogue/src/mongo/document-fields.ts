// Reading loosely typed MongoDB documents: first present field of several names, numbers that may be strings.
import { optionalBool, optionalNumber, RowError } from "../listing-row.js";

export type MongoDocument = Record<string, unknown>;

export function field(doc: MongoDocument, ...names: string[]): unknown {
  for (const name of names) if (doc[name] !== undefined && doc[name] !== null) return doc[name];
  return undefined;
}

// ObjectId, string or number ids all become the same stable text, so a re-import updates instead of duplicating.
export function idOf(doc: MongoDocument): string {
  const id = doc._id;
  if (typeof id === "string" || typeof id === "number") return String(id);
  if (typeof id === "object" && id !== null && "toHexString" in id && typeof id.toHexString === "function") {
    const hex: unknown = id.toHexString();
    if (typeof hex === "string") return hex;
  }
  throw new RowError("_id: missing");
}

export function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number") return String(value);
  return null;
}

export function num(value: unknown, name: string): number | null {
  if (typeof value === "number" || typeof value === "string") return optionalNumber(value, name);
  if (value === undefined || value === null) return null;
  throw new RowError(`${name}: not a number`);
}

export function bool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.toLowerCase();
    if (["да", "есть", "лоджия", "балкон"].includes(v)) return true;
    if (["нет", "no"].includes(v)) return false;
    return optionalBool(value);
  }
  return null;
}

export function date(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    // unix seconds from the Telegram API, or ISO text
    const parsed = typeof value === "number" && value < 1e11 ? new Date(value * 1000) : new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  return null;
}
