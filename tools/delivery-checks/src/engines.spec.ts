// Every production dependency runs on every Node.js version the workspace declares: a package
// whose `engines` needs a newer Node would install with a warning and may fail at run time
// (several @azure/* releases moved to Node 22 while the workspace declares 20.19).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const WORKSPACE_ROOT = join(import.meta.dirname, '../../..');
const declared = (
  JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** Production packages of the lockfile whose engines.node leaves out part of `range`. */
function findEngineMismatches(packages: Record<string, LockEntry>, range: string): string[] {
  return Object.entries(packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.link)
    .flatMap(([path, entry]) => {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return node && !semver.subset(range, node)
        ? [`${path}@${entry.version} needs node ${node}`]
        : [];
    });
}

describe('production dependencies', () => {
  it('declare a Node.js range', () => {
    expect(semver.validRange(declared)).not.toBeNull();
  });

  it(`all run on the declared Node.js range`, () => {
    expect(findEngineMismatches(lock.packages, declared)).toEqual([]);
  });

  it('are told apart from dev-only packages, so a Node 22-only dev tool is allowed', () => {
    const packages = {
      '': {},
      'node_modules/a': { version: '1.0.0', engines: { node: '>=22' } },
      'node_modules/b': { version: '2.0.0', dev: true, engines: { node: '>=22' } },
      'node_modules/c': { version: '3.0.0', engines: { node: '>=18' } },
    };
    expect(findEngineMismatches(packages, '>=20.19')).toEqual([
      'node_modules/a@1.0.0 needs node >=22',
    ]);
  });
});
