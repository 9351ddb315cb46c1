import { intro } from '@clack/prompts';
import type { RunContext } from '../utils/run-context.js';
import { createInvalidOptionError, ScaffoldError } from '../utils/scaffold-error.js';
import { askOption } from './ask-option.js';
import { optionTable } from './option-table.js';
import type { Answers, ProjectOptions } from './project-options.js';
import { parseFlags } from './parse-flags.js';

/** Whether the run may wait for answers: a terminal, no --yes, and not in CI. */
export function isInteractive(yes: boolean, context: RunContext): boolean {
  const ci = context.env['CI'];
  return (
    !yes && context.stdinIsTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0')
  );
}

/**
 * Settles every option: a flag wins; otherwise the question is asked (in a terminal) or the
 * default is taken. Every value is checked against its rule, whichever way it came.
 */
export async function runCli(
  argv: readonly string[],
  context: RunContext,
): Promise<ProjectOptions> {
  const { given, yes } = parseFlags(argv);
  const interactive = isInteractive(yes, context);
  if (interactive) intro('create-modelship');
  const answers: Answers = {};
  for (const option of optionTable) {
    const asked = interactive && !(option.key in given) && (option.isAsked?.(answers) ?? true);
    const raw = asked
      ? await askOption(option, answers, context.cwd)
      : option.key in given
        ? given[option.key]
        : option.defaultValue(answers, context.cwd);
    const value = option.normalize ? option.normalize(raw, context.cwd) : raw;
    const broken = option.validate?.(value, answers, context.cwd);
    if (broken !== undefined) {
      if (value === undefined || value === '') {
        throw new ScaffoldError('E_MISSING_OPTION', `Missing --${option.flag}: ${broken}.`);
      }
      throw createInvalidOptionError(option.flag, value, broken);
    }
    answers[option.key] = value;
  }
  return answers as ProjectOptions;
}
