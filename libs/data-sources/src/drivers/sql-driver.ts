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

/**
 * One output column of a CSV copy: the result column `name` as the server should write it.
 * `raw`: its text as the cursor would read it; `boolean`: `yes`/`no` (NULL stays NULL);
 * `datetime`: a timestamp as ISO 8601 text the way normaliseValue writes it.
 */
export interface CsvSelectColumn {
  name: string;
  kind: SqlKind;
  form: 'raw' | 'boolean' | 'datetime';
  yes?: string;
  no?: string;
}

/**
 * A query whose result the server writes as CSV itself (PostgreSQL's COPY): the columns are
 * described first, then `stream` yields the CSV's bytes, header-less, one row per line.
 */
export interface SqlCsvCopy {
  readonly columns: SqlColumn[];
  /** The CSV of `select`'s columns in that order; NULL written as `nullText`. */
  stream(select: CsvSelectColumn[], nullText: string): AsyncIterable<Buffer>;
  /** Releases the connection; safe to call twice. */
  close(): Promise<void>;
}

/** One database engine: opening a cursor, and the dialect the incremental query needs. */
export interface SqlDriver {
  openCursor(connection: ConnectionUrl, query: SqlQuery, batchSize: number): Promise<SqlCursor>;
  /**
   * The fast path, where the engine can write CSV itself: `query` is described, `copyText` (the
   * same query with its parameters inlined as literals) is streamed.
   */
  openCsvCopy?(connection: ConnectionUrl, query: SqlQuery, copyText: string): Promise<SqlCsvCopy>;
  quoteIdentifier(name: string): string;
  /** A string literal, for queries that cannot take parameters (COPY). */
  quoteLiteral?(text: string): string;
  /** The placeholder of the n-th (1-based) parameter: `$1`, `@p1`. */
  placeholder(index: number): string;
}
