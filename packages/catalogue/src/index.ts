// Public surface of @wewall/catalogue: schema, import, station look-ups and the listing queries both services share.
export * from "./import-catalogue.js";
export * from "./list-stations.js";
export * from "./listing-row.js";
export * from "./load-demo-catalogue.js";
export * from "./map-adjustment-rows.js";
export * from "./map-cian-rent-row.js";
export * from "./map-cian-sale-row.js";
export * from "./map-metro-station-row.js";
export * from "./migrations.js";
export * from "./normalize-key.js";
export * from "./parse-csv.js";
export * from "./upsert-listings.js";
export * from "./upsert-stations.js";
