// Generated test datasets shaped nothing like the churn sample, one per task: loan applications
// with a yes/no `defaulted` target (binary), support tickets with a three-class text `priority`
// (multiclass) and flat listings with a `price_eur` (regression). Each has an id column, an
// ignored column and missing values, so whatever trains, validates or serves them must read
// everything from the schema. Same options, same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { createSeededRandom } from '@modelship/core';
import type { DatasetSchema } from '../schema/dataset-schema.js';
import { LOAN_PURPOSES, LOAN_SCHEMA } from './loan-schema.js';

export interface TaskDataset {
  csvPath: string;
  schemaPath: string;
  schema: DatasetSchema;
  target: string;
}

export const TICKET_SCHEMA: DatasetSchema = {
  schemaVersion: 1,
  name: 'tickets',
  target: { column: 'priority', kind: 'multiclass' },
  columns: [
    { name: 'ticket_ref', type: 'string', role: 'id' },
    { name: 'channel', type: 'categorical', role: 'feature', categories: ['email', 'phone', 'chat'] },
    { name: 'wait_minutes', type: 'number', role: 'feature' },
    { name: 'words', type: 'integer', role: 'feature' },
    { name: 'agent_note', type: 'string', role: 'ignore' },
    { name: 'priority', type: 'categorical', role: 'target', categories: ['low', 'normal', 'urgent'] },
  ],
};

export const LISTING_SCHEMA: DatasetSchema = {
  schemaVersion: 1,
  name: 'listings',
  target: { column: 'price_eur', kind: 'numeric' },
  columns: [
    { name: 'listing_id', type: 'string', role: 'id' },
    { name: 'area_m2', type: 'number', role: 'feature' },
    { name: 'rooms', type: 'integer', role: 'feature' },
    { name: 'district', type: 'categorical', role: 'feature', categories: ['north', 'centre', 'harbour', 'hills'] },
    { name: 'photo_url', type: 'string', role: 'ignore' },
    { name: 'price_eur', type: 'number', role: 'target' },
  ],
};

/** The generated dataset of each task: its schema and how one row is written. */
export const TASK_DATASETS: Readonly<Record<Task, { schema: DatasetSchema; format: RowFormat }>> = {
  binary: { schema: LOAN_SCHEMA, format: formatLoan },
  multiclass: { schema: TICKET_SCHEMA, format: formatTicket },
  regression: { schema: LISTING_SCHEMA, format: formatListing },
};

/** Writes `<name>.csv` and `<name>.schema.json` into `dir` for the task; same options, same bytes. */
export async function writeTaskDataset(
  dir: string,
  task: Task,
  options: { rows: number; seed: number },
): Promise<TaskDataset> {
  const random = createSeededRandom(options.seed);
  const { schema, format } = TASK_DATASETS[task];
  const lines = [schema.columns.map((c) => c.name).join(',')];
  for (let i = 0; i < options.rows; i += 1) lines.push(format(i, random));
  await mkdir(dir, { recursive: true });
  const csvPath = join(dir, `${schema.name}.csv`);
  const schemaPath = join(dir, `${schema.name}.schema.json`);
  await writeFile(csvPath, `${lines.join('\n')}\n`);
  await writeFile(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);
  return { csvPath, schemaPath, schema, target: schema.target.column };
}

// --- internal ---

type RowFormat = (index: number, random: () => number) => string;

const CHANNELS = ['email', 'phone', 'chat'];
const DISTRICTS = ['north', 'centre', 'harbour', 'hills'];

function formatLoan(index: number, random: () => number): string {
  const income = 20 + random() * 120;
  const amount = 1_000 + random() * 40_000;
  const term = random() < 0.6 ? '36m' : '60m';
  const purpose = random() < 0.01 ? 'yacht' : (LOAN_PURPOSES[Math.floor(random() * LOAN_PURPOSES.length)] ?? 'car');
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

function formatTicket(i: number, random: () => number): string {
  const channel = CHANNELS[Math.floor(random() * CHANNELS.length)] ?? 'email';
  const wait = random() * 120;
  const words = Math.floor(20 + random() * 300);
  const score = wait / 40 + (channel === 'phone' ? 1 : 0) + words / 300 + (random() - 0.5) * 0.8;
  const priority = score < 1.2 ? 'low' : score < 2.4 ? 'normal' : 'urgent';
  // About one row in twelve misses its channel or its wait time.
  const shownChannel = random() < 0.08 ? '' : channel;
  const shownWait = random() < 0.08 ? '' : wait.toFixed(1);
  return [`T-${10_000 + i}`, shownChannel, shownWait, words, `note ${i % 7}`, priority].join(',');
}

function formatListing(i: number, random: () => number): string {
  const area = 25 + random() * 125;
  const rooms = Math.max(1, Math.round(area / 30 + (random() - 0.5) * 2));
  const districtIndex = Math.floor(random() * DISTRICTS.length);
  const price = 40_000 + area * 2_600 + rooms * 9_000 + districtIndex * 30_000 + (random() - 0.5) * 40_000;
  const district = random() < 0.08 ? '' : (DISTRICTS[districtIndex] ?? 'north');
  return [`L${i}`, area.toFixed(1), rooms, district, `https://img.example/${i}.jpg`, price.toFixed(0)].join(',');
}
