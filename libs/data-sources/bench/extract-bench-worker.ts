// One extract in its own process, so /usr/bin/time's peak RSS belongs to it alone.
// Usage: extract-bench-worker.ts <workspace> (BENCH_DATABASE_URL set; params in <workspace>/data.json)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataParams } from '@modelship/params';
import { extractData } from '../src/index.js';

const root = process.argv[2] ?? '.';
const data = JSON.parse(readFileSync(join(root, 'data.json'), 'utf8')) as DataParams;
const started = performance.now();
const result = await extractData({ root, data, full: true });
process.stdout.write(`${JSON.stringify({ rows: result.rows, ms: performance.now() - started })}\n`);
