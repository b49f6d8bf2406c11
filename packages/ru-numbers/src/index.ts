// Public surface of @wewall/ru-numbers: Russian number extraction and real-estate slot parsers.
export { createStationIndex, type Station, type StationIndex, type StationMatch } from "./create-station-index.js";
export { extractNumbers, type NumberKind, type NumberMatch, type Unit } from "./extract-numbers.js";
export { loadStationsCsv } from "./load-stations-csv.js";
export { parseSlots, type NumericSlots, type SlotContext } from "./parse-slots.js";
export { dataDir, runNumbers, runSlots, type CliIo } from "./run-cli.js";
