import { commands } from './commands/index.js';

const VALUE_FLAGS = new Set(['--registry']);
const BOOLEAN_FLAGS = new Set(['--json']);

/**
 * citty hands a sub-command only the arguments after its name, so `--registry url list` would lose
 * the flag: global flags written before the command move to after it.
 */
export function moveGlobalFlags(rawArgs: string[]): string[] {
  const moved: string[] = [];
  const rest: string[] = [];
  let index = 0;
  for (; index < rawArgs.length; index += 1) {
    const arg = rawArgs[index] ?? '';
    const [flag = ''] = arg.split('=');
    if (arg in commands) break;
    if (VALUE_FLAGS.has(flag)) {
      moved.push(arg);
      if (!arg.includes('=') && index + 1 < rawArgs.length) moved.push(rawArgs[(index += 1)] ?? '');
    } else if (BOOLEAN_FLAGS.has(flag)) moved.push(arg);
    else rest.push(arg);
  }
  return [...rest, ...rawArgs.slice(index, index + 1), ...moved, ...rawArgs.slice(index + 1)];
}
