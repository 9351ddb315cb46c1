import { spawnSync } from 'node:child_process';

export interface GitState {
  commit: string | null;
  dirty: boolean;
}

/** The commit the workspace is at and whether it has uncommitted changes; nulls outside git. */
export function readGitState(cwd: string): GitState {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' });
  if (head.status !== 0) return { commit: null, dirty: false };
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd,
    encoding: 'utf8',
  });
  return { commit: head.stdout.trim(), dirty: status.status === 0 && status.stdout.trim() !== '' };
}
