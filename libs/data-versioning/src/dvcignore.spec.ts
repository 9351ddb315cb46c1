import { isIgnored, parseDvcIgnore } from './dvcignore.js';

describe('parseDvcIgnore + isIgnored', () => {
  it.each([
    ['*.tmp', 'data/part.tmp', false, true],
    ['*.tmp', 'data/part.csv', false, false],
    ['scratch/', 'data/scratch', true, true],
    ['scratch/', 'data/scratch', false, false],
    ['/data/raw', 'data/raw', true, true],
    ['/data/raw', 'other/data/raw', true, false],
    ['data/*.csv', 'data/a.csv', false, true],
    ['data/*.csv', 'data/sub/a.csv', false, false],
    ['data/**/*.csv', 'data/sub/deep/a.csv', false, true],
    ['**/cache', 'a/b/cache', true, true],
    ['file?.txt', 'file1.txt', false, true],
    ['file[0-9].txt', 'filex.txt', false, false],
    ['a.b', 'aXb', false, false],
  ])('pattern %j on %j (directory: %j) ignores: %j', (pattern, path, isDirectory, expected) => {
    expect(isIgnored(parseDvcIgnore(pattern), path, isDirectory)).toBe(expected);
  });

  it('skips comments and blank lines, and lets a later ! pattern re-include', () => {
    const rules = parseDvcIgnore('# Add patterns of files dvc should ignore\n\n*.csv\n!keep.csv\n');
    expect(rules.map((rule) => rule.pattern)).toEqual(['*.csv', '!keep.csv']);
    expect(isIgnored(rules, 'data/drop.csv', false)).toBe(true);
    expect(isIgnored(rules, 'data/keep.csv', false)).toBe(false);
  });
});
