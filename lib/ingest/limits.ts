// Segment's own limits, so that SDKs tuned for Segment behave the same here.
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** Timestamps further ahead than this are refused: a clock that wrong would corrupt the rollups. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Nothing before this is accepted (a 0 or a seconds-instead-of-milliseconds timestamp). */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
