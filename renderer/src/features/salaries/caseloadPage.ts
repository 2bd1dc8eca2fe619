/**
 * Rows per request of the caseload list, the first page of a search included. A screen shows 15 to 40 rows of
 * 36 px; each row carries its alerts, read from five tables, so an answer costs what it holds: on the
 * 100 000-salarié store a keystroke answered with 200 rows took about three times as long in the core as with
 * 50. Later pages come as the table scrolls (useCaseload.ensureRange). No imports: the benchmark reads it to
 * measure what the list asks.
 */
export const CASELOAD_PAGE_SIZE = 50;
