import { optionTable } from './option-table.js';

/** The --help text, made from the option table so it never misses an option. */
export function formatHelp(): string {
  const rows = optionTable
    .filter(({ key }) => key !== 'directory')
    .map(({ flag, kind, description }) => {
      const usage = kind === 'boolean' ? `--[no-]${flag}` : `--${flag} <value>`;
      return `  ${usage.padEnd(30)}${description}`;
    });
  return [
    'Usage: create-modelship [folder] [options]',
    '',
    'Creates a modelship workspace: versioned data, validation, training, registry, serving.',
    'Asks for whatever the flags leave open; without a terminal, or with --yes, takes the defaults.',
    '',
    'Options:',
    ...rows,
    `  ${'-y, --yes'.padEnd(30)}take the default for every option not given`,
    `  ${'-h, --help'.padEnd(30)}show this help`,
    '',
    'Example: npm create modelship@latest my-app -- --data ./sales.csv --target churned --ci azure',
  ].join('\n');
}
