import { openFeedbackStore, type FeedbackRecord } from '@modelship/feedback-store';
import { computeRocAuc } from '@modelship/core';
import type { LiveQuality } from './triggers/index.js';

/** The feedback store named by a URL, opened against the workspace root. */
export function openFeedback(url: string, root: string, warn: (line: string) => void) {
  return openFeedbackStore(url, root, { onWarning: warn });
}

/** `read({ since })` keeps `labelledAt >= since`; a watermark means strictly after it. */
export function afterWatermark(watermark: Date | null): { since?: Date } {
  return watermark ? { since: new Date(watermark.getTime() + 1) } : {};
}

/** Rows labelled after the watermark, and the production version's live quality over them. */
export async function summarizeFeedback(
  records: AsyncIterable<FeedbackRecord>,
  productionVersion: number | null,
): Promise<{ rows: number; live: LiveQuality | null }> {
  let rows = 0;
  let correct = 0;
  const labels: number[] = [];
  const scores: number[] = [];
  for await (const record of records) {
    rows += 1;
    if (productionVersion === null || record.version !== String(productionVersion)) continue;
    labels.push(record.label);
    scores.push(record.probability);
    if (record.predicted === record.label) correct += 1;
  }
  if (labels.length === 0) return { rows, live: null };
  return {
    rows,
    live: {
      accuracy: correct / labels.length,
      rocAuc: computeRocAuc(labels, scores),
      rows: labels.length,
      source: `v${productionVersion} in the feedback store`,
    },
  };
}
