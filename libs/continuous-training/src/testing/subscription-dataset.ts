// A user's dataset of another shape than the churn sample, for continuous-training tests: an
// integer id, two columns `schema infer` ignores (a datetime with no missing value, and repeated
// free text with a few), features with missing values, a yes/no target. Its schema is inferred,
// as the scaffolder does with a user's CSV.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSeededRandom } from '@modelship/core';
import { inferSchema, writeSchema } from '@modelship/data-validation';
import type { FeedbackRecord } from '@modelship/feedback-store';

/** What params.yaml's `data:` section names for the subscription dataset. */
export const SUBSCRIPTION_DATA = {
  path: 'data/subscriptions.csv',
  schema: 'config/subscriptions.schema.json',
  target: 'renewed',
} as const;

const TIERS = ['bronze', 'silver', 'gold'];

interface Subscription {
  sub_no: number;
  signed_up: string;
  notes: string;
  seats: number | null;
  tier: string;
  autopay: boolean;
  monthly_fee: number;
  renewed: 'yes' | 'no';
}

/** Writes the CSV and its inferred schema under `root`, at SUBSCRIPTION_DATA's paths. */
export async function writeSubscriptionDataset(root: string, rows: number): Promise<void> {
  const file = join(root, SUBSCRIPTION_DATA.path);
  const lines = ['sub_no,signed_up,notes,seats,tier,autopay,monthly_fee,renewed'];
  for (const s of generateSubscriptions(rows, 3)) {
    lines.push(
      [s.sub_no, s.signed_up, s.notes, s.seats ?? '', s.tier, s.autopay, s.monthly_fee, s.renewed]
        .map(String)
        .join(','),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const schema = await inferSchema(file, { target: SUBSCRIPTION_DATA.target });
  await writeSchema(schema, join(root, SUBSCRIPTION_DATA.schema));
}

/**
 * Labelled feedback as serving records it for this dataset: only the model's features (the
 * service refuses the id and the ignored columns), the true label, a right prediction.
 */
export function makeSubscriptionFeedback(count: number, seed = 11): FeedbackRecord[] {
  const start = Date.UTC(2025, 0, 1);
  return generateSubscriptions(count, seed).map((s, i) => {
    const label = s.renewed === 'yes' ? 1 : 0;
    return {
      predictionId: `sub-pred-${i}`,
      model: 'churn',
      version: '1',
      variant: 'stable',
      predictedAt: new Date(start + i * 1000).toISOString(),
      labelledAt: new Date(start + i * 1000 + 500).toISOString(),
      probability: label === 1 ? 0.7 : 0.3,
      predicted: label,
      label,
      features: { seats: s.seats, tier: s.tier, autopay: s.autopay, monthly_fee: s.monthly_fee },
    };
  });
}

// --- internal ---

function generateSubscriptions(count: number, seed: number): Subscription[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const seats = 1 + Math.floor(random() * 50);
    const tier = TIERS[Math.floor(random() * TIERS.length)] as string;
    const autopay = random() < 0.5;
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365) * 86_400_000);
    return {
      sub_no: 1000 + i,
      signed_up: day.toISOString().slice(0, 10),
      // Repeated free text, a few missing: a string column, ignored, with a missing-share limit.
      notes: random() < 0.02 ? '' : `note ${Math.floor(random() * count * 0.9)}`,
      seats: random() < 0.05 ? null : seats,
      tier,
      autopay,
      monthly_fee: Math.round(seats * (1 + TIERS.indexOf(tier)) * 350) / 100,
      renewed: autopay || random() < 0.3 ? 'yes' : 'no',
    };
  });
}
