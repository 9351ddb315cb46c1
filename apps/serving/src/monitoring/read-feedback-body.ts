import { BadRequestError } from '../http/serving-error.js';
import { describeJsonType, formatClientValue } from '../input/describe-json-value.js';
import type { FeedbackLabel } from './resolve-feedback-label.js';
import type { FeedbackItem, InvalidFeedbackItem } from './serving-monitor.js';

/** The items of a /feedback body, and whether it was the batch form. */
export interface FeedbackBody {
  items: (FeedbackItem | InvalidFeedbackItem)[];
  batch: boolean;
}

/**
 * Reads `{"predictionId": "...", "label": ...}` or `{"feedback": [ ...those ]}` with 1 to
 * `maxItems` items. A label here is any class text, finite number or boolean: whether it is one
 * the model knows is judged later, against the version that made the prediction
 * (resolveFeedbackLabel). A body of another shape, a single item with a bad field, or a batch
 * item that is not an object is a 400 naming the field; a batch object item with a bad field
 * (say `label: null` from one labelling job) becomes an InvalidFeedbackItem, answered on its
 * own, so one bad label never costs the batch its good ones.
 */
export function readFeedbackBody(body: unknown, maxItems: number): FeedbackBody {
  if (!isObject(body)) {
    throw new BadRequestError(
      `The body must be a JSON object {"predictionId": "...", "label": ...}, or {"feedback": [...]}; got ${describeJsonType(body)}.`,
      'E_BODY_SHAPE',
    );
  }
  if (!('feedback' in body)) return { items: [readItem(body, 'body')], batch: false };
  const { feedback, ...rest } = body;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw new BadRequestError(
      `Unknown field \`${clip(extra[0])}\` beside \`feedback\`; send {"feedback": [...]} only.`,
      'E_BODY_SHAPE',
    );
  }
  if (!Array.isArray(feedback) || feedback.length === 0) {
    throw new BadRequestError(
      `\`feedback\` must be a non-empty array of {"predictionId", "label"} objects, got ${Array.isArray(feedback) ? 'an empty array' : describeJsonType(feedback)}.`,
      'E_BODY_SHAPE',
    );
  }
  if (feedback.length > maxItems) {
    throw new BadRequestError(
      `\`feedback\` has ${feedback.length} items; the limit is ${maxItems} (MAX_INSTANCES). Split the request.`,
      'E_TOO_MANY_INSTANCES',
    );
  }
  return {
    items: feedback.map((item: unknown, index) => readBatchItem(item, `feedback[${index}]`)),
    batch: true,
  };
}

// --- internal ---

const MAX_ID_LENGTH = 128;
/** Longer than any class text a schema would hold; bounds what an error quotes and logs keep. */
const MAX_LABEL_LENGTH = 256;

function readBatchItem(item: unknown, where: string): FeedbackItem | InvalidFeedbackItem {
  if (!isObject(item)) return readItem(item, where);
  try {
    return readItem(item, where);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    const id = item['predictionId'];
    return { predictionId: typeof id === 'string' ? clip(id) : '', error: error.message };
  }
}

function readItem(item: unknown, where: string): FeedbackItem {
  if (!isObject(item)) {
    throw new BadRequestError(
      `${where} must be an object {"predictionId": "...", "label": ...}, got ${describeJsonType(item)}.`,
      'E_FEEDBACK_SHAPE',
    );
  }
  for (const key of Object.keys(item)) {
    if (key !== 'predictionId' && key !== 'label') {
      throw new BadRequestError(
        `${where}: unknown field \`${clip(key)}\`; a feedback item has \`predictionId\` and \`label\` only.`,
        'E_FEEDBACK_SHAPE',
      );
    }
  }
  const { predictionId, label } = item;
  if (
    typeof predictionId !== 'string' ||
    predictionId === '' ||
    predictionId.length > MAX_ID_LENGTH
  ) {
    throw new BadRequestError(
      `${where}.predictionId must be the non-empty string (at most ${MAX_ID_LENGTH} characters) a prediction answered with, got ${typeof predictionId === 'string' ? `a string of ${predictionId.length} characters` : describeJsonType(predictionId)}.`,
      'E_FEEDBACK_ID',
    );
  }
  if (!isLabel(label)) {
    throw new BadRequestError(
      `${where}.label must be the true class text, a finite number, or true/false (at most ${MAX_LABEL_LENGTH} characters), got ${label === undefined ? 'nothing' : formatClientValue(label)}.`,
      'E_FEEDBACK_LABEL',
    );
  }
  return { predictionId, label, where: `${where}.label` };
}

function isLabel(label: unknown): label is FeedbackLabel {
  if (typeof label === 'string') return label !== '' && label.length <= MAX_LABEL_LENGTH;
  return typeof label === 'boolean' || (typeof label === 'number' && Number.isFinite(label));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
