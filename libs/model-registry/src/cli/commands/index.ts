import type { CommandDef } from 'citty';

type LazyCommand = () => Promise<CommandDef>;

/** Every `modelship-registry` sub-command, one file each; adding one takes a file and a line. */
export const commands: Record<string, LazyCommand> = {
  list: () => import('./list.js').then((m) => m.default as CommandDef),
  show: () => import('./show.js').then((m) => m.default as CommandDef),
  register: () => import('./register.js').then((m) => m.default as CommandDef),
  promote: () => import('./promote.js').then((m) => m.default as CommandDef),
  rollback: () => import('./rollback.js').then((m) => m.default as CommandDef),
  archive: () => import('./archive.js').then((m) => m.default as CommandDef),
  alias: () => import('./alias.js').then((m) => m.default as CommandDef),
  fetch: () => import('./fetch.js').then((m) => m.default as CommandDef),
  diff: () => import('./diff.js').then((m) => m.default as CommandDef),
  history: () => import('./history.js').then((m) => m.default as CommandDef),
  gc: () => import('./gc.js').then((m) => m.default as CommandDef),
};
