import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateChurnCsv } from './generate-churn-csv.js';

async function generate(
  rows: number,
  seed: number,
): Promise<{ bytes: Buffer; dir: string; result: unknown }> {
  const dir = await mkdtemp(join(tmpdir(), 'churn-csv-'));
  const result = await generateChurnCsv(join(dir, 'nested', 'churn.csv'), { rows, seed });
  return { bytes: await readFile(join(dir, 'nested', 'churn.csv')), dir, result };
}

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

describe('generateChurnCsv', () => {
  it('writes the same bytes on every machine: 1,000 rows with seed 42 have a fixed md5', async () => {
    // Computed once with `md5sum`; a change here changes every user's data.dvc.
    const { bytes, result } = await generate(1000, 42);
    expect(md5(bytes)).toBe('5c1133a1696af3a92fd6937dfe62e580');
    expect(result).toEqual({ rows: 1000, bytes: 110_850 });
  });

  it('gives another file for another seed', async () => {
    const { bytes } = await generate(1000, 7);
    expect(md5(bytes)).toBe('e87487b3e808927c110bc5b46120e2e7');
  });

  it('writes a header, one line per row and a final line break', async () => {
    const { bytes } = await generate(3, 42);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^customer_id,.*,churned$/);
    expect(lines[1]).toBe(
      'C0000001,55,false,south,true,false,30,two-year,none,1,false,false,mailed-check,18.00,526.68,0.0,0,0,10,,0',
    );
    expect(lines[4]).toBe('');
  });

  it('leaves no temporary file behind', async () => {
    const { dir } = await generate(10, 1);
    expect(await readdir(join(dir, 'nested'))).toEqual(['churn.csv']);
  });

  it.each([
    [{ rows: 0, seed: 1 }, 'Expected `rows` to be a positive integer, got `0` (number).'],
    [{ rows: 1.5, seed: 1 }, 'Expected `rows` to be a positive integer, got `1.5` (number).'],
    [{ rows: 10, seed: Number.NaN }, 'Expected `seed` to be an integer, got `NaN` (number).'],
  ])('refuses %j', async (options, message) => {
    await expect(generateChurnCsv(join(tmpdir(), 'never.csv'), options)).rejects.toThrow(message);
  });
});
