// Every third-party action is pinned to the full commit of a current release (a tag can be moved
// or deleted: trivy-action's `0.28.0` was), and every `with:` key is an input of that release.
// The pins live in one table, action-pins.json, that this test reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';
import type { ActionUse } from './check-action-pins.js';
import { checkActionUse, findActionUses, readActionPins } from './check-action-pins.js';
import { readCiDefinitions } from './read-ci-definitions.js';

const pins = readActionPins();
const uses = readCiDefinitions()
  .filter((definition) => definition.system === 'github')
  .flatMap((definition) => findActionUses(definition.path, definition.text, definition.yaml));
const CHECKOUT = pins['actions/checkout'] ?? { release: '', commit: '', inputs: [] };

describe('action pins', () => {
  it('finds the actions the workflows use', () => {
    expect(uses.filter((use) => !use.line.startsWith('./')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(uses.map((use) => [use.line, use.path, use] as const))(
    '`%s` in %s is pinned as the table says, with known inputs',
    (_, __, use) => {
      expect(checkActionUse(use, pins)).toEqual([]);
    },
  );

  it('every action in the table is used (no stale pins)', () => {
    const used = new Set(uses.map((use) => use.line.split('@')[0]));
    expect(Object.keys(pins).filter((repo) => !used.has(repo))).toEqual([]);
  });

  it('every pin is a 40-hex commit with a vX.Y.Z release and a list of inputs', () => {
    for (const [repo, pin] of Object.entries(pins)) {
      expect([repo, pin.commit, pin.release]).toEqual([
        repo,
        expect.stringMatching(/^[0-9a-f]{40}$/),
        expect.stringMatching(/^v\d+\.\d+\.\d+$/),
      ]);
      expect([repo, pin.inputs.length > 0]).toEqual([repo, true]);
    }
  });

  const pinned = `actions/checkout@${CHECKOUT.commit} # ${CHECKOUT.release}`;
  it.each<[string, Partial<ActionUse>, RegExp]>([
    ['a tag', { line: 'actions/checkout@v7.0.1' }, /is not pinned/],
    ['a branch', { line: 'actions/checkout@main' }, /is not pinned/],
    ['a commit without its release', { line: `actions/checkout@${CHECKOUT.commit}` }, /not pinned/],
    [
      'an action missing from the table',
      { line: `acme/deploy@${'a'.repeat(40)} # v1.0.0` },
      /acme\/deploy is not in action-pins.json/,
    ],
    [
      'another commit',
      { line: `actions/checkout@${'b'.repeat(40)} # ${CHECKOUT.release}` },
      /but action-pins.json pins/,
    ],
    [
      'another release',
      { line: `actions/checkout@${CHECKOUT.commit} # v4.2.2` },
      /but action-pins.json pins/,
    ],
    [
      'an unknown input',
      { line: pinned, withKeys: ['fetch-depth', 'depth'] },
      /has no input `depth`/,
    ],
  ])('rejects %s', (_, use, expected) => {
    const problems = checkActionUse({ path: 'x.yml', line: '', withKeys: [], ...use }, pins);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('accepts a local action and a pinned one with known inputs', () => {
    const ok = { path: 'x.yml', withKeys: ['fetch-depth'] };
    expect(checkActionUse({ ...ok, line: './.github/actions/setup-workspace' }, pins)).toEqual([]);
    expect(checkActionUse({ ...ok, line: pinned }, pins)).toEqual([]);
  });

  it('reads `uses:` lines with their comment and the `with:` keys of the same step', () => {
    const text = [
      'steps:',
      '  - uses: ./local',
      `  - uses: ${pinned}`,
      '    with:',
      '      fetch-depth: 0',
    ].join('\n');
    expect(findActionUses('x.yml', text, parse(text))).toEqual([
      { path: 'x.yml', line: './local', withKeys: [] },
      { path: 'x.yml', line: pinned, withKeys: ['fetch-depth'] },
    ]);
  });
});

describe('Dependabot', () => {
  const config = parse(readFileSync(join(WORKSPACE_ROOT, '.github/dependabot.yml'), 'utf8')) as {
    version: number;
    updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[];
  };

  it.each(['github-actions', 'npm', 'docker'])('keeps %s up to date', (ecosystem) => {
    expect(config.version).toBe(2);
    expect(config.updates.map((update) => update['package-ecosystem'])).toContain(ecosystem);
  });
});
