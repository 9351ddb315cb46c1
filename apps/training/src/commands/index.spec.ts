import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../testing/npx-modelship.js';
import { commands } from './index.js';

// `modelship <command>` and `npx modelship <command>` as the docs and configs write them.
function namedCommands(file: string): string[] {
  const text = readFileSync(join(WORKSPACE_ROOT, file), 'utf8');
  return [...text.matchAll(/(?:`|cmd: )(?:npx )?modelship ([a-z][a-z-]*)/g)].map(
    (match) => match[1],
  );
}

describe('the modelship commands', () => {
  it.each(['params.yaml', 'dvc.yaml', 'README.md', 'apps/training/README.md'])(
    '%s names only commands that exist',
    (file) => {
      const named = namedCommands(file);
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => !(name in commands))).toEqual([]);
    },
  );
});
