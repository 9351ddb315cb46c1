import { writeFileSync } from 'node:fs';
import { createSeededRandom } from '@modelship/core';

/**
 * A user's CSV for each non-binary task, shaped unlike the sample and unlike each other: an id
 * column, a boolean, features with missing values, and two columns `schema infer` ignores (a
 * date and repeated free text). The target depends strongly on the features, with some noise.
 */
export const TASK_CSVS = {
  /** Incident reports; target `severity`: minor, major or critical. Scaffolded `--model auto`. */
  multiclass: {
    file: 'incidents.csv',
    target: 'severity',
    classes: ['minor', 'major', 'critical'],
    model: 'auto',
  },
  /**
   * Parcel deliveries; target `delivery_minutes`, a duration with a fractional part. Scaffolded
   * `--model gbdt`.
   */
  regression: { file: 'deliveries.csv', target: 'delivery_minutes', classes: [], model: 'gbdt' },
} as const;

export type CsvTask = keyof typeof TASK_CSVS;

/** Writes the task's CSV to `path`; the same arguments give the same bytes. */
export function writeTaskCsv(path: string, task: CsvTask, rows = 3000, seed = 11): void {
  const random = createSeededRandom(seed);
  const lines = [task === 'multiclass' ? INCIDENT_HEADER : DELIVERY_HEADER];
  for (let i = 0; i < rows; i += 1)
    lines.push((task === 'multiclass' ? formatIncident : formatDelivery)(i, random, rows));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

// --- internal ---

const INCIDENT_HEADER =
  'case_no,reported_via,affected_users,minutes_down,on_call,opened_on,summary,severity';
const CHANNELS = ['portal', 'phone', 'monitoring'];
const DELIVERY_HEADER =
  'shipment,distance_km,parcels,vehicle,express,dispatched_on,driver_note,delivery_minutes';
const VEHICLES = ['bike', 'van', 'truck'];

const day = (random: () => number) =>
  new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
const gap = (random: () => number, value: string) => (random() < 0.06 ? '' : value);

function formatIncident(i: number, random: () => number, rows: number): string {
  const via = CHANNELS[Math.floor(random() * CHANNELS.length)] ?? 'portal';
  const users = Math.floor(random() * 400);
  const down = random() * 180;
  const onCall = random() < 0.5;
  const score =
    users / 150 +
    down / 70 +
    (via === 'monitoring' ? 0.6 : 0) +
    (onCall ? -0.4 : 0) +
    random() -
    0.5;
  const severity = score < 1.4 ? 'minor' : score < 2.8 ? 'major' : 'critical';
  return [
    4000 + i,
    gap(random, via),
    gap(random, String(users)),
    down.toFixed(1),
    onCall,
    day(random),
    `ticket about item ${Math.floor(random() * rows * 0.7)}`,
    severity,
  ].join(',');
}

function formatDelivery(i: number, random: () => number, rows: number): string {
  const km = 1 + random() * 60;
  const parcels = 1 + Math.floor(random() * 12);
  const vehicle = VEHICLES[Math.floor(random() * VEHICLES.length)] ?? 'van';
  const express = random() < 0.3;
  const minutes =
    12 + km * (vehicle === 'bike' ? 4 : 1.6) + parcels * 2.5 - (express ? 9 : 0) + random() * 8;
  return [
    `SHP-${String(i).padStart(6, '0')}`,
    gap(random, km.toFixed(2)),
    parcels,
    gap(random, vehicle),
    express ? 'yes' : 'no',
    day(random),
    `left at door ${Math.floor(random() * rows * 0.7)}`,
    minutes.toFixed(1),
  ].join(',');
}
