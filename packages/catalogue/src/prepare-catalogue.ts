// Before a catalogue service starts alone on its embedded database: load the demo set, or it would serve nothing.
import type { ServiceDeps } from "@wewall/shared";
import type { CatalogueServiceConfig } from "./catalogue-service-config.js";
import { loadDemoCatalogueIfEmpty } from "./load-demo-catalogue.js";

export async function prepareCatalogue({ config, db, logger }: ServiceDeps<CatalogueServiceConfig>): Promise<void> {
  if (db.embedded) await loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger);
}
