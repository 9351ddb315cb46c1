import { cancel, confirm, isCancel, select, text } from '@clack/prompts';
import { ScaffoldError } from '../utils/scaffold-error.js';
import type { OptionDefinition } from './option-table.js';
import type { Answers, OptionValue } from './project-options.js';

/** Asks one option's question in the terminal, suggesting its default and checking its rule. */
export async function askOption(
  option: OptionDefinition,
  answers: Answers,
  cwd: string,
): Promise<OptionValue> {
  const suggested = option.defaultValue(answers, cwd);
  const { prompt } = option;
  const check = (value: OptionValue) => {
    const normalized = option.normalize ? option.normalize(value, cwd) : value;
    return option.validate?.(normalized, answers, cwd);
  };
  let answer: OptionValue | symbol;
  if (prompt.kind === 'confirm') {
    answer = await confirm({ message: prompt.message, initialValue: suggested !== false });
  } else if (prompt.kind === 'select') {
    const choices = prompt.choices(answers);
    answer = await select({
      message: prompt.message,
      options: choices,
      initialValue: typeof suggested === 'string' ? suggested : choices.at(-1)?.value,
    });
  } else {
    const fallback = typeof suggested === 'string' ? suggested : '';
    answer = await text({
      message: prompt.message,
      placeholder: prompt.placeholder ?? fallback,
      defaultValue: fallback,
      validate: (value) => check(value === '' || value === undefined ? fallback : value),
    });
  }
  if (isCancel(answer)) {
    cancel('Cancelled: nothing was created.');
    throw new ScaffoldError('E_CANCELLED', 'Cancelled: nothing was created.');
  }
  return answer as OptionValue;
}
