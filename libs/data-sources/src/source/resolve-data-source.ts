import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSourceParams } from '@modelship/params';
import { DataSourceError } from '../errors/data-source-error.js';
import type { ConnectionUrl } from './parse-connection-url.js';
import { parseConnectionUrl } from './parse-connection-url.js';

/** `data.source` made concrete: the connection, the query's text and its hash. */
export interface DataSource {
  connection: ConnectionUrl;
  /** The variable the URL came from, for messages (`DATABASE_URL`). */
  variable: string;
  query: string;
  /** sha256 of the query's text as run (after trimming a trailing `;`). */
  querySha256: string;
  incrementalColumn: string | undefined;
}

/**
 * Reads `data.source`: the URL from the environment variable `url: env:NAME` names (never from
 * a file: params.yaml is committed), the query inline or from `query_file` (relative to `root`).
 */
export function resolveDataSource(
  params: DataSourceParams,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): DataSource {
  const match = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(params.url);
  if (!match) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      'params.yaml: data.source.url must be env:NAME, the environment variable holding the connection URL.',
      {
        fix: 'Write url: env:DATABASE_URL and export DATABASE_URL=postgres://... (a CI secret in CI).',
      },
    );
  }
  const variable = match[1] ?? '';
  const text = env[variable];
  if (text === undefined || text === '') {
    throw new DataSourceError('E_SOURCE_CONFIG', `$${variable} is not set (data.source.url).`, {
      fix: `Export ${variable}=postgres://user:password@host:5432/database, or sqlserver://host/database.`,
    });
  }
  const query = normaliseQuery(readQuery(params, root));
  return {
    connection: parseConnectionUrl(text, variable),
    variable,
    query,
    querySha256: createHash('sha256').update(query).digest('hex'),
    incrementalColumn: params.incremental_column,
  };
}

/** The query's first non-blank line, to point at it in messages. */
export function firstLineOf(query: string): string {
  return (
    query
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

// --- internal ---

function readQuery(params: DataSourceParams, root: string): string {
  if ((params.query === undefined) === (params.query_file === undefined)) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      'params.yaml: data.source needs exactly one of query and query_file.',
    );
  }
  if (params.query !== undefined) return params.query;
  const file = resolve(root, params.query_file ?? '');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      `params.yaml: data.source.query_file ${params.query_file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      { cause: error },
    );
  }
}

// The query is wrapped as a sub-query for incremental extracts, where a trailing `;` is a syntax error.
function normaliseQuery(query: string): string {
  const trimmed = query.trim().replace(/;\s*$/, '').trim();
  if (trimmed === '') {
    throw new DataSourceError('E_SOURCE_CONFIG', 'params.yaml: data.source query is empty.');
  }
  return trimmed;
}
