// Copied from apps/training/src/data/testing for continuous training's tests until the lead lands
// the shared writer here (issue #13 contracts); take main's version on merge.
// Test datasets for the non-binary tasks, shaped nothing like the churn sample: support tickets
// with a three-class text priority, and flat listings with a price. Each has an id column, an
// ignored column and missing values, so the pipeline must read everything from the schema.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSeededRandom } from '@modelship/core';
import type { DatasetSchema } from '../schema/dataset-schema.js';

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
    {
      name: 'channel',
      type: 'categorical',
      role: 'feature',
      categories: ['email', 'phone', 'chat'],
    },
    { name: 'wait_minutes', type: 'number', role: 'feature' },
    { name: 'words', type: 'integer', role: 'feature' },
    { name: 'agent_note', type: 'string', role: 'ignore' },
    {
      name: 'priority',
      type: 'categorical',
      role: 'target',
      categories: ['low', 'normal', 'urgent'],
    },
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
    {
      name: 'district',
      type: 'categorical',
      role: 'feature',
      categories: ['north', 'centre', 'harbour', 'hills'],
    },
    { name: 'photo_url', type: 'string', role: 'ignore' },
    { name: 'price_eur', type: 'number', role: 'target' },
  ],
};

/** Writes `<name>.csv` and `<name>.schema.json` into `dir` for the task; same options, same bytes. */
export async function writeTaskDataset(
  dir: string,
  task: 'multiclass' | 'regression',
  options: { rows: number; seed: number },
): Promise<TaskDataset> {
  const random = createSeededRandom(options.seed);
  const schema = task === 'multiclass' ? TICKET_SCHEMA : LISTING_SCHEMA;
  const format = task === 'multiclass' ? formatTicket : formatListing;
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

const CHANNELS = ['email', 'phone', 'chat'];
const DISTRICTS = ['north', 'centre', 'harbour', 'hills'];

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
  const price =
    40_000 + area * 2_600 + rooms * 9_000 + districtIndex * 30_000 + (random() - 0.5) * 40_000;
  const district = random() < 0.08 ? '' : (DISTRICTS[districtIndex] ?? 'north');
  return [
    `L${i}`,
    area.toFixed(1),
    rooms,
    district,
    `https://img.example/${i}.jpg`,
    price.toFixed(0),
  ].join(',');
}
