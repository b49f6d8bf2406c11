// `import --from mongodb://…`: reads an old WeWall MongoDB with the official driver and loads it like files.
import { MongoClient } from "mongodb";
import type pg from "pg";
import type { Logger } from "@wewall/shared";
import type { MapResult } from "../listing-row.js";
import { analyzeCatalogue } from "../import-catalogue.js";
import { loadRows, type AnyRow, type FileKind, type FileReport } from "../load-rows.js";
import { runCatalogueMigrations } from "../migrations.js";
import type { MongoDocument } from "./document-fields.js";
import { mapEstateDocument } from "./map-estate-document.js";
import { mapCoefficientDocument, mapMessageDocument, mapSubwayStationDocument } from "./map-reference-documents.js";

// Stations before estates (estates borrow station coordinates), coefficients and messages are independent.
export const MONGO_COLLECTIONS: { name: string; kind: FileKind; map: (doc: MongoDocument) => MapResult<AnyRow> }[] = [
  { name: "subway_stations", kind: "stations", map: mapSubwayStationDocument },
  { name: "square_coeffs", kind: "adjustments", map: (doc) => mapCoefficientDocument("square_coeffs", doc) },
  {
    name: "way_to_subway_coeffs",
    kind: "adjustments",
    map: (doc) => mapCoefficientDocument("way_to_subway_coeffs", doc),
  },
  { name: "estates", kind: "listings", map: mapEstateDocument },
  { name: "messages", kind: "transcripts", map: mapMessageDocument },
];

export async function importFromMongo(pool: pg.Pool, url: string, logger: Logger): Promise<FileReport[]> {
  await runCatalogueMigrations(pool);
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const reports: FileReport[] = [];
  try {
    const db = client.db();
    for (const collection of MONGO_COLLECTIONS) {
      // the whole collection is read before the transaction opens: no database connection waits on MongoDB
      const docs = await db.collection<MongoDocument>(collection.name).find({}).toArray();
      const rows = docs.map((doc, i) => ({ line: i + 1, result: collection.map(doc) }));
      const report = await loadRows(pool, collection.name, { kind: collection.kind, rows });
      logger.info(
        { collection: collection.name, loaded: report.loaded, rejected: report.rejected.length, error: report.error },
        "mongo collection imported",
      );
      reports.push(report);
    }
  } finally {
    await client.close();
  }
  await analyzeCatalogue(pool);
  return reports;
}
