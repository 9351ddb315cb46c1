import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params } from '@modelship/params';
import { validateData } from './validate-data.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-validate-step-'));
  await writeFile(join(root, 'd.csv'), 'k,n,y\nA,1,0\nB,2,1\nC,x,1\n');
  const schema = {
    schemaVersion: 1,
    name: 'd',
    target: { column: 'y', kind: 'binary', positive: '1' },
    columns: [
      { name: 'k', type: 'string', role: 'id' },
      { name: 'n', type: 'integer', role: 'feature' },
      { name: 'y', type: 'integer', role: 'target' },
    ],
  };
  await writeFile(join(root, 's.json'), JSON.stringify(schema));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('validateData', () => {
  it('validates params.data.path against params.data.schema, writes the report and logs a table', async () => {
    const lines: string[] = [];
    const params = {
      data: { path: 'd.csv', schema: 's.json', dvc: 'data.dvc', target: 'y' },
      validation: { report_dir: 'out', max_examples: 2 },
    } as Params;
    const report = await validateData({ root, params, log: (line) => lines.push(line) });
    expect(report.summary).toEqual({ checks: 4, passed: 3, failed: 1 });
    expect(lines[0]).toMatch(/^validate: 3\/4 checks passed on 3 rows \(\d+ rows\/s\)$/);
    expect(lines.slice(1, 5)).toEqual([
      '  ok    target         y',
      '  ok    duplicate-ids  k',
      '  FAIL  type           n  1 values are not integer',
      '  ok    type           y',
    ]);
    const markdown = await readFile(join(root, 'out', 'validation.md'), 'utf8');
    expect(markdown).toContain('| 4 | n | `x` |');
  });
});
