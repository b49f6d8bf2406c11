// Configuration of the services that read the catalogue (calculator, analog-search): the same settings but the port.
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { z } from "zod";

export interface CatalogueServiceConfig extends PlatformConfig {
  port: number;
  sharedDataDir: string;
}

export interface CatalogueServiceIdentity {
  service: string;
  portVariable: string;
  defaultPort: number;
}

const shape = { PORT: portSchema, SHARED_DATA_DIR: z.string().min(1).default("../shared/data") };

export function loadCatalogueServiceConfig(env: Env, identity: CatalogueServiceIdentity): CatalogueServiceConfig {
  // The port is read from the service's own variable and reported under its name.
  const renamed = { ...env, PORT: env[identity.portVariable] || String(identity.defaultPort) };
  try {
    const { platform, values } = loadServiceEnv(identity.service, shape, renamed);
    return { ...platform, port: values.PORT, sharedDataDir: values.SHARED_DATA_DIR };
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replaceAll("PORT:", `${identity.portVariable}:`);
    throw error;
  }
}
