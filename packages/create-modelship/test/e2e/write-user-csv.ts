import { writeFileSync } from 'node:fs';
import { createSeededRandom } from '@modelship/core';

/** Column names deliberately unlike the sample's, with an id, a boolean and a yes/no target. */
export const USER_CSV_TARGET = 'will_upgrade';

/**
 * Writes a user's dataset of another shape than the sample: the target depends strongly on the
 * features (so a model can learn it), with some noise.
 */
export function writeUserCsv(path: string, rows = 4000, seed = 7): void {
  const random = createSeededRandom(seed);
  const plans = ['starter', 'team', 'business'];
  const regions = ['north', 'south', 'east', 'west'];
  const lines = [
    'account_ref,seats,plan,monthly_spend_eur,region,has_sso,days_since_login,will_upgrade',
  ];
  for (let i = 0; i < rows; i += 1) {
    const seats = 1 + Math.floor(random() * 200);
    const plan = plans[Math.floor(random() * plans.length)] ?? 'starter';
    const spend = (
      seats *
      (plan === 'business' ? 30 : plan === 'team' ? 15 : 5) *
      (0.8 + random() * 0.4)
    ).toFixed(2);
    const region = regions[Math.floor(random() * regions.length)] ?? 'north';
    const sso = random() < 0.4;
    const idle = Math.floor(random() * 90);
    const score =
      seats / 60 + (plan === 'starter' ? 1 : 0) + (sso ? 1 : 0) - idle / 30 + (random() - 0.5);
    lines.push(
      [
        `A-${String(i).padStart(5, '0')}`,
        seats,
        plan,
        spend,
        region,
        sso,
        idle,
        score > 1 ? 'yes' : 'no',
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
