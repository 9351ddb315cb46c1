import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

type Env = Record<string, string | undefined>;

/** The CI build that is registering, from GitHub Actions or Azure Pipelines variables. */
export function detectCiBuild(
  env: Env = process.env,
): { provider: string; buildUrl: string } | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID) {
    return {
      provider: 'github-actions',
      buildUrl: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`,
    };
  }
  const { SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECT, BUILD_BUILDID } = env;
  if (SYSTEM_COLLECTIONURI && SYSTEM_TEAMPROJECT && BUILD_BUILDID) {
    const base = SYSTEM_COLLECTIONURI.endsWith('/')
      ? SYSTEM_COLLECTIONURI
      : `${SYSTEM_COLLECTIONURI}/`;
    return {
      provider: 'azure-pipelines',
      buildUrl: `${base}${encodeURIComponent(SYSTEM_TEAMPROJECT)}/_build/results?buildId=${BUILD_BUILDID}`,
    };
  }
  return null;
}

/** Who is acting: the explicit name, else the CI's actor, else the OS user. */
export function resolveActor(explicit: string | undefined, env: Env = process.env): string {
  if (explicit?.trim()) return explicit.trim();
  const fromCi = env['GITHUB_ACTOR'] || env['BUILD_REQUESTEDFOR'];
  if (fromCi) return fromCi;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The git commit and dirty flag of the working tree at `cwd`, or null outside a repository. */
export function detectGit(cwd: string): { commit: string | null; dirty: boolean } {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    return { commit: run(['rev-parse', 'HEAD']), dirty: run(['status', '--porcelain']) !== '' };
  } catch {
    return { commit: null, dirty: false };
  }
}

/** This library's own version, recorded in every version it registers. */
export function readRegistryVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
