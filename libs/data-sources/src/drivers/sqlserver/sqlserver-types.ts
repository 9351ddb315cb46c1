import type { SqlKind } from '../sql-driver.js';

// By mssql's type declaration (lower case), as tedious reports result columns.
const KINDS: Record<string, SqlKind> = {
  bit: 'boolean',
  tinyint: 'integer',
  smallint: 'integer',
  int: 'integer',
  bigint: 'integer',
  decimal: 'number',
  numeric: 'number',
  money: 'number',
  smallmoney: 'number',
  float: 'number',
  real: 'number',
  date: 'date',
  datetime: 'timestamp',
  datetime2: 'timestamp',
  smalldatetime: 'timestamp',
  datetimeoffset: 'timestamptz',
  binary: 'binary',
  varbinary: 'binary',
  image: 'binary',
};

/** The kind of a SQL Server result column by its type name; char types, uuid, xml, time are text. */
export function mapSqlServerType(declaration: string): SqlKind {
  return KINDS[declaration.toLowerCase()] ?? 'text';
}
