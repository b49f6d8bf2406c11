// Names a query by its text, so each connection plans each query shape once: planning costs as much as running it.
import { createHash } from "node:crypto";

export function statementName(text: string): string {
  return `catalogue_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
}
