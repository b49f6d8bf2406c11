// Events get their ids in commit order: every writer takes this transaction lock before drawing an id, so a reader
// that has seen id N will never later find a smaller id committed (a cursor never skips an event).
export const EVENT_ORDER_LOCK = "(SELECT pg_advisory_xact_lock(727273)) AS event_order";
