export {
  checkFeedbackRecord,
  getFeedbackTask,
  type BinaryFeedbackRecord,
  type FeedbackRecord,
  type MulticlassFeedbackRecord,
  type RegressionFeedbackRecord,
} from './feedback-record.js';
export type { FeedbackStore, ReadFeedbackOptions } from './feedback-store.js';
export {
  FeedbackStoreError,
  InvalidFeedbackRecordError,
  InvalidFeedbackStoreUrlError,
  InvalidModelNameError,
} from './feedback-store-error.js';
export type { FeedbackWarning } from './file-feedback-store.js';
export {
  DEFAULT_FEEDBACK_STORE_URL,
  openFeedbackStore,
  type OpenFeedbackStoreOptions,
} from './open-feedback-store.js';
