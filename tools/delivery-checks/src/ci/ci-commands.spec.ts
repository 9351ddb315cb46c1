// Every workspace command the CI definitions call exists: npm scripts, Nx targets, CLI files and
// their subcommands. A renamed target or script fails here, not in a team's first CI run.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import type { ProjectGraph } from '@nx/devkit';
import { createProjectGraphAsync } from '@nx/devkit';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';
import type { CiCommand } from './find-commands.js';
import { findCommands } from './find-commands.js';
import { readCiDefinitions } from './read-ci-definitions.js';

const calls = readCiDefinitions().flatMap((definition) =>
  definition.scripts.flatMap(findCommands).map((command) => ({ path: definition.path, command })),
);
const systemOf = (path: string) => (path.startsWith('.github/') ? 'github' : 'azure');
const rootScripts = Object.keys(
  (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { scripts: object })
    .scripts,
);
let graph: ProjectGraph;
const helpTexts = new Map<string, string>();

beforeAll(async () => {
  process.env['NX_DAEMON'] = 'false';
  graph = await createProjectGraphAsync({ exitOnError: false });
}, 120_000);

describe('commands in the CI definitions', () => {
  it('are found (the parser sees the pipeline steps)', () => {
    const kinds = new Set(calls.map(({ command }) => command.kind));
    expect([...kinds].sort()).toEqual(['bin', 'file', 'nx-many', 'nx-target']);
    // Each provider's pipelines call ten or more (a workspace may keep only one provider's).
    for (const system of new Set(readCiDefinitions().map((definition) => definition.system))) {
      const count = calls.filter(({ path }) => systemOf(path) === system).length;
      expect([system, count >= 10]).toEqual([system, true]);
    }
  });

  it.each(calls.map(({ path, command }) => [command.text, path, command] as const))(
    '`%s` in %s exists in the workspace',
    async (_, __, command) => {
      expect(await findMissing(command)).toEqual([]);
    },
  );

  it.each([
    ['npm run nope', 'npm script `nope`'],
    ['npx nx run training:nope', 'target training:nope'],
    ['npx nx affected -t lint nope', 'target `nope` in no project'],
    ['npx tsx apps/training/src/cli.ts nope', 'subcommand `nope` of apps/training/src/cli.ts'],
    ['npx modelship nope', 'subcommand `nope` of modelship'],
    ['npx modelship-nope train', 'bin `modelship-nope` of no workspace package'],
  ])('reports `%s` as missing', async (script, expected) => {
    const [command] = findCommands(script);
    expect(await findMissing(command as CiCommand)).toEqual([expected]);
  });
});

// --- internal ---

async function findMissing(command: CiCommand): Promise<string[]> {
  switch (command.kind) {
    case 'npm-script':
      return rootScripts.includes(command.name) ? [] : [`npm script \`${command.name}\``];
    case 'nx-target':
      return graph.nodes[command.project]?.data.targets?.[command.target]
        ? []
        : [`target ${command.project}:${command.target}`];
    case 'nx-many': {
      const all = Object.values(graph.nodes).flatMap((node) =>
        Object.keys(node.data.targets ?? {}),
      );
      return command.targets
        .filter((target) => !all.includes(target))
        .map((target) => `target \`${target}\` in no project`);
    }
    case 'bin': {
      const path = findBin(command.name);
      if (!path) return [`bin \`${command.name}\` of no workspace package`];
      if (!command.subcommand) return [];
      return (await readUsage(path)).includes(command.subcommand)
        ? []
        : [`subcommand \`${command.subcommand}\` of ${command.name}`];
    }
    case 'file': {
      if (!existsSync(join(WORKSPACE_ROOT, command.path))) return [`file ${command.path}`];
      if (!command.subcommand || !command.path.endsWith('cli.ts')) return [];
      const usage = await readUsage(command.path);
      return usage.includes(command.subcommand)
        ? []
        : [`subcommand \`${command.subcommand}\` of ${command.path}`];
    }
  }
}

// The file a workspace package declares as the bin `name` (npm links it into node_modules/.bin).
function findBin(name: string): string | undefined {
  for (const node of Object.values(graph.nodes)) {
    const manifest = join(WORKSPACE_ROOT, node.data.root, 'package.json');
    if (!existsSync(manifest)) continue;
    const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> })
      .bin;
    if (bin?.[name]) return join(node.data.root, bin[name]);
  }
  return undefined;
}

// The CLI's own USAGE line (`modelship train|evaluate|...`), read once per CLI.
async function readUsage(path: string): Promise<string[]> {
  if (!helpTexts.has(path)) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(WORKSPACE_ROOT, path), '--help'],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    helpTexts.set(path, stripVTControlCharacters(stdout));
  }
  const usage = /USAGE\s+\S+ ([\w|-]+)/.exec(helpTexts.get(path) ?? '')?.[1] ?? '';
  return usage.split('|');
}
