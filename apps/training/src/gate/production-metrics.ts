import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { GateError } from './gate-error.js';

/** The production model's identity and headline metrics, whatever stores them. */
export interface ProductionModelMetrics {
  name: string;
  version: number | string;
  metrics: Record<string, number>;
  /** Where `metrics` were measured, e.g. "the same holdout (10000 rows)"; unset: stored ones. */
  evaluatedOn?: string;
  /** The metrics recorded at registration, when `metrics` were measured again. */
  storedMetrics?: Record<string, number>;
}

/**
 * Where the gate finds the model it must beat. The file source below serves `--against`;
 * the model registry plugs in here as a second implementation (load the version at stage
 * `production` for the model's name and return its metadata's `metrics`), chosen by the gate
 * command when `--against` is absent. Returning null means there is no production model yet.
 */
export interface ProductionMetricsSource {
  /** Where the metrics come from, for logs and the card, e.g. "file artifacts/prod/metrics.json". */
  readonly description: string;
  load(): Promise<ProductionModelMetrics | null>;
}

/** No production model yet: the gate applies its thresholds only. */
export const noProductionModel: ProductionMetricsSource = {
  description: 'none (no production model)',
  load: () => Promise.resolve(null),
};

/**
 * Reads production metrics from a file: a metrics.json (name and version then come from a
 * metadata.json beside it, when there is one), a bundle's metadata.json, or a bundle folder.
 */
export function createFileMetricsSource(path: string): ProductionMetricsSource {
  const absolute = resolve(path);
  return {
    description: `file ${path}`,
    load: async () => readProductionFile(absolute),
  };
}

// --- internal ---

function readProductionFile(path: string): ProductionModelMetrics {
  if (!existsSync(path)) {
    throw new GateError(
      'E_GATE_AGAINST',
      `--against ${path}: no such file; pass the production model's metrics.json, metadata.json or bundle folder.`,
      path,
    );
  }
  const file = statSync(path).isDirectory() ? join(path, BUNDLE_FILES.metadata) : path;
  const json = readJson(file);
  if (isRecord(json['metrics'])) {
    return {
      name: typeof json['name'] === 'string' ? json['name'] : basename(dirname(file)),
      version:
        typeof json['version'] === 'number' || typeof json['version'] === 'string'
          ? json['version']
          : '?',
      metrics: pickNumbers(json['metrics']),
    };
  }
  const sibling = join(dirname(file), BUNDLE_FILES.metadata);
  const metadata = existsSync(sibling) ? readJson(sibling) : {};
  return {
    name: typeof metadata['name'] === 'string' ? metadata['name'] : 'metrics',
    version: typeof metadata['version'] === 'number' ? metadata['version'] : basename(file),
    metrics: pickNumbers(json),
  };
}

function readJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GateError(
      'E_GATE_AGAINST',
      `--against ${file}: cannot read JSON (${(error as Error).message}).`,
      file,
      {
        cause: error,
      },
    );
  }
  if (!isRecord(parsed)) {
    throw new GateError(
      'E_GATE_AGAINST',
      `--against ${file}: expected a JSON object of metrics.`,
      file,
    );
  }
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickNumbers(record: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}
