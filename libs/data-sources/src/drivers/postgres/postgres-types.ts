import type { SqlKind } from '../sql-driver.js';

// PostgreSQL's built-in type OIDs (pg_type.dat); anything else (enums, uuid, json) is text.
const KINDS: Record<number, [SqlKind, string]> = {
  16: ['boolean', 'bool'],
  20: ['integer', 'int8'],
  21: ['integer', 'int2'],
  23: ['integer', 'int4'],
  26: ['integer', 'oid'],
  700: ['number', 'float4'],
  701: ['number', 'float8'],
  1700: ['number', 'numeric'],
  1082: ['date', 'date'],
  1114: ['timestamp', 'timestamp'],
  1184: ['timestamptz', 'timestamptz'],
  17: ['binary', 'bytea'],
};

/** The kind and type name of a PostgreSQL result column by its type OID. */
export function mapPostgresType(oid: number): { kind: SqlKind; sqlType: string } {
  const known = KINDS[oid];
  return known ? { kind: known[0], sqlType: known[1] } : { kind: 'text', sqlType: `oid ${oid}` };
}
