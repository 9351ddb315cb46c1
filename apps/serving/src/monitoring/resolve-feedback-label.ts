import { formatClientValue } from '../input/describe-json-value.js';
import type { PredictionTarget } from './prediction-target.js';

/** A true label as a client sent it: a class text, a number, or (binary) true / false. */
export type FeedbackLabel = string | number | boolean;

/** The label in the predicting version's terms (a class index, or a value), or why it is not one. */
export type ResolvedLabel = { value: number; error?: undefined } | { error: string };

/**
 * Reads a client's label against the classes of the version that made the prediction:
 * - binary: one of its two class texts, or 0 / 1 / false / true (1 = the positive class);
 * - multiclass: a class text, or a JSON number equal to an integer class text (3 for "3");
 * - regression: a finite number, or a text holding one ("204.5").
 * The error names the label, the model version and what it takes (`where` names the field).
 */
export function resolveFeedbackLabel(
  target: PredictionTarget,
  label: FeedbackLabel,
  where: string,
  version: string,
): ResolvedLabel {
  if (target.task === 'regression') {
    const value = typeof label === 'string' && label.trim() !== '' ? Number(label) : label;
    if (typeof value === 'number' && Number.isFinite(value)) return { value };
    return {
      error: `${where} must be a finite number (the true ${target.column}), as version ${version} is a regression model; got ${formatClientValue(label)}.`,
    };
  }
  const index = findClass(target, label);
  if (index !== -1) return { value: index };
  const shown = target.classes.slice(0, MAX_LISTED).map((name) => JSON.stringify(name));
  const more = target.classes.length - shown.length;
  const classes = `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const binary =
    target.task === 'binary' ? `, or 0 / 1 (1 = ${JSON.stringify(target.classes[1])})` : '';
  return {
    error: `${where} ${formatClientValue(label)} is not a class of version ${version}; its ${target.column} classes are ${classes}${binary}.`,
  };
}

// --- internal ---

/** Classes listed in an error; a model with hundreds of classes gets the first ones. */
const MAX_LISTED = 20;

function findClass(target: PredictionTarget, label: FeedbackLabel): number {
  if (typeof label === 'string') return target.classes.indexOf(label);
  if (target.task === 'binary') {
    if (label === 0 || label === false) return 0;
    if (label === 1 || label === true) return 1;
  }
  // A class named by an integer ("3") may come as the JSON number 3.
  if (typeof label === 'number' && Number.isInteger(label)) {
    return target.classes.indexOf(String(label));
  }
  return -1;
}
