/**
 * Rows per cursor read. Small enough that a batch's strings die young (a 10,000-row batch
 * outlives the young generation, and the extract then spends most of its time in old-generation
 * GC: 1,000 measured ~1.7x faster on the sample), large enough to keep round trips rare.
 */
export const DEFAULT_BATCH_SIZE = 1_000;
