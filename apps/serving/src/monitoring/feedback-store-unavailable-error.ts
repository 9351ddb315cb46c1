import { ServingError } from '../http/serving-error.js';

/** The feedback store refused an append (disk full, permissions): nothing was counted (503). */
export class FeedbackStoreUnavailableError extends ServingError {
  constructor(location: string, cause: unknown) {
    super(
      'E_FEEDBACK_STORE',
      503,
      `The feedback store at ${location} could not record the labels (${(cause as Error).message}); nothing was counted, retry later. Check FEEDBACK_STORE and the disk.`,
      { cause, retryAfter: 5 },
    );
  }
}
