/** Base class of every feedback-store failure: a stable `code` and a message that says how to fix it. */
import { ModelshipError } from '@modelship/core';
export class FeedbackStoreError extends ModelshipError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, { ...options, code });
  }
}

/** The store URL cannot be used. */
export class InvalidFeedbackStoreUrlError extends FeedbackStoreError {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(
      'E_FEEDBACK_STORE_URL',
      `Cannot use feedback store URL ${JSON.stringify(url)}: ${reason}. ` +
        'Use file:<folder> (relative to the workspace root), for example file:.modelship/feedback.',
    );
  }
}

/** A model name that cannot be a file name in the store. */
export class InvalidModelNameError extends FeedbackStoreError {
  constructor(readonly model: string) {
    super(
      'E_FEEDBACK_MODEL_NAME',
      `Cannot store feedback for model ${JSON.stringify(model)}: a model name is 1-63 letters, ` +
        'digits, ".", "_" or "-", starting with a letter or digit (as in the model registry).',
    );
  }
}

/** A record (to append, or read back from a file) that breaks the record contract. */
export class InvalidFeedbackRecordError extends FeedbackStoreError {
  constructor(
    readonly where: string,
    readonly field: string,
    problem: string,
  ) {
    super(
      'E_FEEDBACK_RECORD',
      `${where}: feedback record field ${JSON.stringify(field)} ${problem}. ` +
        'Fix or remove that line (records are JSON objects, one per line).',
    );
  }
}
