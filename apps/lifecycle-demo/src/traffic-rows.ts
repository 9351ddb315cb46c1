import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import {
  getBooleanValues,
  getMissingValues,
  INVALID,
  loadSchema,
  parseNumber,
  streamCsvRows,
} from '@modelship/data-validation';
import { sampleGenerators } from '@modelship/sample-data';
import { resolveFromRoot } from '@modelship/params';
import { resolvePositiveClass } from '@modelship/data-validation';
import { createSeededRandom, shuffleInPlace } from '@modelship/core';
import { withTargetColumn } from '@modelship/data-validation';
import type { Params as DemoParams } from '@modelship/params';

/** One raw feature value as a client sends it in JSON. */
export type FeatureValue = string | number | boolean | null;
export type FeatureRow = Record<string, FeatureValue>;

/** Rows of raw features, each with its true label (1: the positive class), ready to send. */
export interface TrafficRows {
  schema: DatasetSchema;
  /** The schema's feature columns, in schema order. */
  features: ColumnSchema[];
  rows: FeatureRow[];
  labels: Uint8Array;
  /** Where the rows came from, for the timeline. */
  source: string;
}

/**
 * Customers the model has never seen, with their true labels: a fresh draw of the sample
 * generator (another seed) when params.yaml has `data.sample`, else `count` rows of the data CSV
 * picked at random. Cells become JSON values through the dataset schema (numbers, booleans,
 * categories as text, missing as null), as a real client would send them.
 */
export async function loadTrafficRows(
  ctx: {
    root: string;
    params: { data: Pick<DemoParams['data'], 'path' | 'schema' | 'sample'> & { target?: string } };
  },
  options: { count: number; seed: number; workDir: string },
): Promise<TrafficRows> {
  const { params } = ctx;
  const schema = withTargetColumn(
    await loadSchema(resolveFromRoot(ctx.root, params.data.schema)),
    params.data.target,
  );
  const generate = params.data.sample && sampleGenerators[params.data.sample.generator];
  let file = resolveFromRoot(ctx.root, params.data.path);
  let source = `${params.data.path} (random rows)`;
  if (generate) {
    mkdirSync(options.workDir, { recursive: true });
    file = join(options.workDir, `traffic-${options.seed}.csv`);
    await generate(file, { rows: options.count, seed: options.seed });
    source = `the ${params.data.sample?.generator} generator, seed ${options.seed}`;
  }
  try {
    return { ...(await readLabelledRows(file, schema, options)), source };
  } finally {
    if (generate) rmSync(file, { force: true });
  }
}

/** A CSV cell as the JSON value a client would send for that column. */
export function toFeatureValue(
  column: ColumnSchema,
  text: string,
  missing: ReadonlySet<string>,
  booleans: { true: ReadonlySet<string>; false: ReadonlySet<string> },
): FeatureValue {
  if (missing.has(text)) return null;
  if (column.type === 'number' || column.type === 'integer') {
    const value = parseNumber(text);
    return value === INVALID ? text : value;
  }
  if (column.type === 'boolean') {
    if (booleans.true.has(text)) return true;
    if (booleans.false.has(text)) return false;
  }
  return text;
}

// --- internal ---

async function readLabelledRows(
  file: string,
  schema: DatasetSchema,
  options: { count: number; seed: number },
): Promise<Omit<TrafficRows, 'source'>> {
  const target = schema.target.column;
  const features = schema.columns.filter((c) => c.role === 'feature' && c.name !== target);
  const missing = getMissingValues(schema);
  const booleans = getBooleanValues(schema);
  const rows: FeatureRow[] = [];
  const targets: string[] = [];
  for await (const { values } of streamCsvRows(file)) {
    const row: FeatureRow = {};
    for (const column of features) {
      row[column.name] = toFeatureValue(column, values[column.name] ?? '', missing, booleans);
    }
    rows.push(row);
    targets.push(values[target] ?? '');
  }
  const classes = [...new Set(targets.filter((value) => !missing.has(value)))];
  const { positive } = resolvePositiveClass(classes, schema.target.positive, {
    file,
    column: target,
  });
  const order = shuffleInPlace(
    Array.from(targets, (_, i) => i).filter((i) => !missing.has(targets[i] ?? '')),
    createSeededRandom(options.seed),
  ).slice(0, options.count);
  return {
    schema,
    features,
    rows: order.map((i) => rows[i] as FeatureRow),
    labels: Uint8Array.from(order, (i) => (targets[i] === positive ? 1 : 0)),
  };
}
