import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { ScaffoldError } from '../utils/scaffold-error.js';
import { optionTable } from './option-table.js';
import type { Answers } from './project-options.js';

/** What the command line says: the options it sets, and whether to take defaults for the rest. */
export interface ParsedFlags {
  given: Answers;
  yes: boolean;
}

function buildParseOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    yes: { type: 'boolean', short: 'y' },
  };
  for (const { flag, kind } of optionTable) {
    options[flag] = { type: kind };
    if (kind === 'boolean') options[`no-${flag}`] = { type: 'boolean' };
  }
  return options;
}

/** Reads the flags of every option in the table; unknown flags are an error. */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: buildParseOptions(), allowPositionals: true });
  } catch (error) {
    throw new ScaffoldError(
      'E_UNKNOWN_FLAG',
      `${(error as Error).message.split('. ')[0]}. Run \`create-modelship --help\` for the options.`,
      { cause: error },
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new ScaffoldError(
      'E_UNKNOWN_FLAG',
      `Expected one folder, got ${positionals.length}: ${positionals.join(' ')}. Run \`create-modelship --help\` for the options.`,
    );
  }
  const given: Answers = {};
  for (const { key, flag, kind } of optionTable) {
    const value = values[flag];
    if (kind === 'boolean' && values[`no-${flag}`] === true) given[key] = false;
    else if (value !== undefined) given[key] = value as string | boolean;
  }
  if (positionals[0] !== undefined) given.directory = positionals[0];
  return { given, yes: values['yes'] === true };
}
