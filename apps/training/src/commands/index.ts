import type { CommandDef } from 'citty';

type LazyCommand = () => Promise<CommandDef>;

/**
 * Every `modelship` sub-command, one file each. Adding a command takes a file and a line here.
 * Commands load lazily so `modelship data verify` never pays for TensorFlow.js.
 */
export const commands: Record<string, LazyCommand> = {};
