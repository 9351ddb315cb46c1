import type { Task } from '@modelship/core';
import { getFeedbackTask, openFeedbackStore, type FeedbackRecord } from '@modelship/feedback-store';
import { measureLiveQuality } from './measure-live-quality.js';
import type { LiveQuality } from './triggers/index.js';

/** The feedback store named by a URL, opened against the workspace root. */
export function openFeedback(url: string, root: string, warn: (line: string) => void) {
  return openFeedbackStore(url, root, { onWarning: warn });
}

/** `read({ since })` keeps `labelledAt >= since`; a watermark means strictly after it. */
export function afterWatermark(watermark: Date | null): { since?: Date } {
  return watermark ? { since: new Date(watermark.getTime() + 1) } : {};
}

/**
 * Rows labelled after the watermark, and the production version's live quality over its records
 * of the workspace's task (records of another task, left from before a task change, are counted
 * as rows but never measured).
 */
export async function summarizeFeedback(
  records: AsyncIterable<FeedbackRecord>,
  productionVersion: number | null,
  task: Task,
): Promise<{ rows: number; live: LiveQuality | null }> {
  let rows = 0;
  const production: FeedbackRecord[] = [];
  for await (const record of records) {
    rows += 1;
    if (productionVersion === null || record.version !== String(productionVersion)) continue;
    if (getFeedbackTask(record) === task) production.push(record);
  }
  const figures = measureLiveQuality(production, task);
  if (!figures) return { rows, live: null };
  return {
    rows,
    live: {
      ...figures,
      rows: production.length,
      source: `v${productionVersion} in the feedback store`,
    },
  };
}
