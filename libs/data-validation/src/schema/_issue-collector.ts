import type { SchemaIssue } from './schema-error.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Suggests the closest allowed word, so a typo gets "did you mean" instead of a bare list. */
export function suggest(value: string, allowed: readonly string[]): string {
  const best = [...allowed].sort((a, b) => distance(value, a) - distance(value, b))[0];
  const hint = best && distance(value, best) <= 2 ? `use "${best}"` : 'use one of';
  return `${hint}${hint === 'use one of' ? '' : ' (allowed:'} ${allowed.join(', ')}${hint === 'use one of' ? '' : ')'}`;
}

/** Collects schema issues with their JSON paths. */
export class IssueCollector {
  readonly issues: SchemaIssue[] = [];

  add(path: string, problem: string, fix: string): void {
    this.issues.push({ path, problem, fix });
  }

  /** Flags keys the format does not know (a typo like "nullabel" must not pass silently). */
  checkKeys(object: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.add(`${path}.${key}`, 'unknown key', suggest(key, allowed));
    }
  }

  checkEnum(value: unknown, path: string, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const fix =
        typeof value === 'string' ? suggest(value, allowed) : `use one of ${allowed.join(', ')}`;
      this.add(path, `unknown value ${JSON.stringify(value)}`, fix);
    }
  }

  checkType(
    value: unknown,
    path: string,
    type: 'string' | 'number' | 'boolean',
    optional = true,
  ): boolean {
    if (value === undefined && optional) return false;
    if (typeof value === type && (type !== 'number' || Number.isFinite(value))) return true;
    this.add(path, `expected a ${type}, got ${JSON.stringify(value)}`, `write a ${type}`);
    return false;
  }

  checkStringList(value: unknown, path: string): value is string[] {
    if (value === undefined) return false;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return true;
    this.add(
      path,
      `expected a list of strings, got ${JSON.stringify(value)}`,
      'write a JSON array of strings',
    );
    return false;
  }
}
