// Calculator configuration: the only place that reads the environment.
import { loadCatalogueServiceConfig, type CatalogueServiceConfig } from "@wewall/catalogue";

export type CalculatorConfig = CatalogueServiceConfig;

export const loadConfig = (env: Record<string, string | undefined>): CalculatorConfig =>
  loadCatalogueServiceConfig(env, { service: "calculator", portVariable: "CALCULATOR_PORT", defaultPort: 3001 });
