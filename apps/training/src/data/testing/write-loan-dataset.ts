// A test dataset shaped nothing like the churn sample: other column names and types, a yes/no
// target called `defaulted`, Y/N booleans, an id and an ignored column. Tests train on it to
// prove the pipeline reads everything from the schema.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSeededRandom } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { LOAN_PURPOSES as PURPOSES, LOAN_SCHEMA } from '@modelship/data-validation/testing';

export { LOAN_SCHEMA };

export interface LoanDataset {
  csvPath: string;
  schemaPath: string;
  schema: DatasetSchema;
}


/** Writes `loans.csv` and `loans.schema.json` into `dir`; same options, same bytes. */
export async function writeLoanDataset(dir: string, options: { rows: number; seed: number }): Promise<LoanDataset> {
  const random = createSeededRandom(options.seed);
  const lines = [LOAN_SCHEMA.columns.map((c) => c.name).join(',')];
  for (let i = 0; i < options.rows; i += 1) lines.push(formatLoan(i, random));
  await mkdir(dir, { recursive: true });
  const csvPath = join(dir, 'loans.csv');
  const schemaPath = join(dir, 'loans.schema.json');
  await writeFile(csvPath, `${lines.join('\n')}\n`);
  await writeFile(schemaPath, `${JSON.stringify(LOAN_SCHEMA, null, 2)}\n`);
  return { csvPath, schemaPath, schema: LOAN_SCHEMA };
}

function formatLoan(index: number, random: () => number): string {
  const income = 20 + random() * 120;
  const amount = 1_000 + random() * 40_000;
  const term = random() < 0.6 ? '36m' : '60m';
  const purpose = random() < 0.01 ? 'yacht' : (PURPOSES[Math.floor(random() * PURPOSES.length)] ?? 'car');
  const years = Math.floor(random() * 25);
  const ownsHome = random() < 0.4;
  const logit =
    -1 + (2.2 * amount) / 1_000 / income - 0.08 * years + (term === '60m' ? 0.7 : 0) - (ownsHome ? 0.6 : 0) + (purpose === 'business' ? 0.8 : 0);
  const defaulted = random() < 1 / (1 + Math.exp(-logit));
  return [
    `L${String(index).padStart(6, '0')}`,
    random() < 0.05 ? '' : income.toFixed(1),
    amount.toFixed(2),
    term,
    purpose,
    String(years),
    random() < 0.03 ? '' : ownsHome ? 'Y' : 'N',
    `branch ${Math.floor(random() * 9)}`,
    defaulted ? 'yes' : 'no',
  ].join(',');
}
