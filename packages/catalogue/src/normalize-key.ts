// Lookup keys for names typed by people and by scrapers: case, ё, spacing and "р-н" prefixes never decide a match.
export function normalizeKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const key = value
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/^(?:(?:р-н|район|поселение|метро|станция)\s+|(?:пос\.|м\.)\s*)/u, "")
    .replace(/[«»"'()]/gu, "")
    .replace(/[\s,.]+/gu, " ")
    .trim();
  return key.length > 0 ? key : null;
}

// The street part of "street, house" (or of a bare street), for "same street" similarity.
export function streetKeyOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const comma = address.lastIndexOf(",");
  return normalizeKey(comma > 0 ? address.slice(0, comma) : address);
}
