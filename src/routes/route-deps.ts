// What the core's route plugins are given.
import type pg from "pg";
import type { DialogEngine } from "../dialog/dialog-engine.js";

export interface RouteDeps {
  pool: pg.Pool;
  engine: DialogEngine;
  isReady: () => boolean;
}
