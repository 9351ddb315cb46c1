import type { CommandDef } from 'citty';

// Each command declares its own arguments; the table only needs to know it is a command.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LazyCommand = () => Promise<CommandDef<any>>;

/**
 * Every `modelship` sub-command, one file each. Adding a command takes a file and a line here.
 * Commands load lazily so `modelship data verify` never pays for TensorFlow.js.
 */
export const commands: Record<string, LazyCommand> = {
  train: () => import('./train.js').then((m) => m.default),
  evaluate: () => import('./evaluate.js').then((m) => m.default),
  gate: () => import('./gate.js').then((m) => m.default),
  data: () => import('./data.js').then((m) => m.default),
  start: () => import('./start.js').then((m) => m.default),
  validate: () => import('./validate.js').then((m) => m.default),
  schema: () => import('./schema-infer.js').then((m) => m.default),
  drift: () => import('./drift.js').then((m) => m.default),
  register: () => import('./register.js').then((m) => m.default),
  import: () => import('./import.js').then((m) => m.default),
  'ct-check': () => import('./ct-check.js').then((m) => m.default),
  'ct-ingest': () => import('./ct-ingest.js').then((m) => m.default),
  'ct-rollout': () => import('./ct-rollout.js').then((m) => m.default),
  acceptance: () => import('./acceptance.js').then((m) => m.default),
};
