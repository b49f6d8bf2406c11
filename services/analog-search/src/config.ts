// Analog-search configuration: the only place that reads the environment.
import { loadCatalogueServiceConfig, type CatalogueServiceConfig } from "@wewall/catalogue";

export type SearchConfig = CatalogueServiceConfig;

export const loadConfig = (env: Record<string, string | undefined>): SearchConfig =>
  loadCatalogueServiceConfig(env, { service: "analog-search", portVariable: "SEARCH_PORT", defaultPort: 3002 });
