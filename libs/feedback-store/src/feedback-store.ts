import type { FeedbackRecord } from './feedback-record.js';

/** Options of `read` and `count`. */
export interface ReadFeedbackOptions {
  /** Only records labelled at or after this time (`labelledAt >= since`). */
  since?: Date;
}

/** Where labelled predictions go (serving appends) and come from (continuous training reads). */
export interface FeedbackStore {
  /** Appends records, grouped per model; appends are serialised within the process. */
  append(records: FeedbackRecord[]): Promise<void>;
  /** The model's records in append order; a torn last line is skipped with a warning. */
  read(model: string, options?: ReadFeedbackOptions): AsyncIterable<FeedbackRecord>;
  /** How many records `read` would yield. */
  count(model: string, options?: ReadFeedbackOptions): Promise<number>;
  /** The resolved location, for logs and messages (a folder for `file:`). */
  location: string;
}
