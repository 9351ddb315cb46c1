import type { ConnectionUrl } from '../source/parse-connection-url.js';

/** How a driver reports a result column's SQL type, engine-neutral. */
export type SqlKind =
  'boolean' | 'integer' | 'number' | 'text' | 'date' | 'timestamp' | 'timestamptz' | 'binary';

export interface SqlColumn {
  name: string;
  kind: SqlKind;
  /** The engine's own type name, for messages (`int4`, `nvarchar`). */
  sqlType: string;
}

/** A query's text and its positional parameters. */
export interface SqlQuery {
  text: string;
  params: unknown[];
}

/**
 * A server-side cursor: rows arrive a batch at a time, so memory stays flat whatever the row
 * count. Values are in column order: null, or the driver's text, number, boolean, bigint or Date.
 */
export interface SqlCursor {
  readonly columns: SqlColumn[];
  /** The next batch; an empty array when the result is exhausted. */
  read(): Promise<unknown[][]>;
  /** Releases the cursor and the connection; safe to call twice. */
  close(): Promise<void>;
}

/** One database engine: opening a cursor, and the dialect the incremental query needs. */
export interface SqlDriver {
  openCursor(connection: ConnectionUrl, query: SqlQuery, batchSize: number): Promise<SqlCursor>;
  quoteIdentifier(name: string): string;
  /** The placeholder of the n-th (1-based) parameter: `$1`, `@p1`. */
  placeholder(index: number): string;
}
