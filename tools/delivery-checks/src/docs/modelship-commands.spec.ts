// The workspace's own docs and configs name only `modelship` commands that exist. They change
// with every scaffolded workspace (its README and params.yaml describe the user's data), so the
// check lives here, with the other checks of workspace files, and asks the real CLI what it has.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE_ROOT = join(import.meta.dirname, '../../../..');

/** The commands `modelship --help` lists on its USAGE line. */
function listCliCommands(): string[] {
  const help = execFileSync(
    process.execPath,
    [join(WORKSPACE_ROOT, 'apps/training/bin/modelship.js'), '--help'],
    { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  // eslint-disable-next-line no-control-regex -- citty colours its help
  const usage = /USAGE\s+modelship\s+(\S+)/.exec(help.replace(/\u001b\[\d+m/g, ''));
  if (!usage) throw new Error(`modelship --help printed no USAGE line:\n${help}`);
  return usage[1].split('|');
}

// `modelship <command>` and `npx modelship <command>` as the docs and configs write them.
function namedCommands(file: string): string[] {
  const text = readFileSync(join(WORKSPACE_ROOT, file), 'utf8');
  return [...text.matchAll(/(?:`|cmd: )(?:npx )?modelship ([a-z][a-z-]*)/g)].map(
    (match) => match[1],
  );
}

describe('the modelship commands', () => {
  const commands = listCliCommands();

  it('are listed by the CLI', () => {
    expect(commands).toEqual(expect.arrayContaining(['train', 'evaluate', 'gate', 'start']));
  });

  it.each(['params.yaml', 'dvc.yaml', 'README.md', 'apps/training/README.md'])(
    '%s names only commands that exist',
    (file) => {
      const named = namedCommands(file);
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => !commands.includes(name))).toEqual([]);
    },
  );
});
