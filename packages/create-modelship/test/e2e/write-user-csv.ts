import { writeFileSync } from 'node:fs';
import { createSeededRandom } from '@modelship/core';

/**
 * Column names deliberately unlike the sample's, with a text id, a boolean, a yes/no target and
 * two columns `schema infer` ignores with no missing value (a datetime and repeated free text):
 * the service refuses both, so continuous training's feedback rows never carry them.
 */
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
    'account_ref,seats,plan,monthly_spend_eur,region,has_sso,days_since_login,signed_up_on,sales_note,will_upgrade',
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
    const signedUp = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 700) * 86_400_000);
    const note = `call back re ${Math.floor(random() * rows * 0.8)}`;
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
        signedUp.toISOString().slice(0, 10),
        note,
        score > 1 ? 'yes' : 'no',
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
