import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  checkTargetColumn,
  DEFAULT_MAX_CLASSES,
  readMaxClasses,
} from '../utils/check-target-column.js';
import { deriveAzureNames, toPackageName } from '../utils/derive-names.js';
import { readCsvHeader } from '../utils/read-csv-header.js';
import {
  validateContainerRegistryName,
  validateNpmName,
  validateResourceGroupName,
  validateStorageAccountName,
  validateWebAppName,
} from '../utils/validate-names.js';
import type { NameValidator } from '../utils/validate-names.js';
import { CI_PROVIDERS, MODEL_TYPES, REGISTRY_STORES, usesAzure } from './project-options.js';
import type { Answers, OptionKey, OptionValue } from './project-options.js';

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export type PromptDefinition =
  | { kind: 'text'; message: string; placeholder?: string }
  | { kind: 'select'; message: string; choices: (answers: Answers) => Choice[] }
  | { kind: 'confirm'; message: string };

/** One option: its flag, its question, its default and its rule. Adding an option is one row. */
export interface OptionDefinition {
  key: OptionKey;
  flag: string;
  kind: 'string' | 'boolean';
  description: string;
  /** The value for --yes, runs without a TTY, and the prompt's suggestion. */
  defaultValue(answers: Answers, cwd: string): OptionValue;
  /** Whether to ask, given earlier answers. Flags are always read. */
  isAsked?(answers: Answers): boolean;
  /** Returns the rule a value breaks, or undefined. */
  validate?(value: OptionValue, answers: Answers, cwd: string): string | undefined;
  /** Turns an accepted value into the stored one (resolves paths, drops empty answers). */
  normalize?(value: OptionValue, cwd: string): OptionValue;
  prompt: PromptDefinition;
}

const choices = (values: readonly string[], labels: Record<string, string>) => () =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

const checkName = (validator: NameValidator) => (value: OptionValue) => validator(String(value));

function checkTargetFolder(value: OptionValue, _answers: Answers, cwd: string): string | undefined {
  const folder = resolve(cwd, String(value));
  if (!existsSync(folder)) return undefined;
  if (!statSync(folder).isDirectory()) return `${folder} is a file; choose a new folder`;
  const entries = readdirSync(folder);
  if (entries.length > 0) {
    return `${folder} is not empty (${entries.length} entries); create-modelship never overwrites files, so choose a new or empty folder`;
  }
  return undefined;
}

function checkDataFile(value: OptionValue, _answers: Answers, cwd: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const file = resolve(cwd, String(value));
  if (!existsSync(file)) return `${file} does not exist; give the path of your CSV file`;
  if (!statSync(file).isFile()) return `${file} is not a file; give the path of your CSV file`;
  return undefined;
}

function readColumns(answers: Answers): string[] {
  return readCsvHeader(String(answers.data));
}

function checkTarget(value: OptionValue, answers: Answers): string | undefined {
  if (answers.data === undefined) return value === undefined ? undefined : 'it needs --data <csv>';
  if (value === undefined || value === '') {
    return `the column to predict is required with --data (columns: ${readColumns(answers).join(', ')})`;
  }
  const columns = readColumns(answers);
  if (!columns.includes(String(value)))
    return `${basename(String(answers.data))} has no such column (columns: ${columns.join(', ')})`;
  // Read the whole column now, so an unusable target stops the run before anything is created.
  return checkTargetColumn(String(answers.data), String(value), readMaxClasses(answers.maxClasses))
    .problem;
}

function checkMaxClasses(value: OptionValue): string | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(String(value)) && Number(value) >= 2
    ? undefined
    : 'use an integer of at least 2';
}

/** Every option, in the order the questions are asked. */
export const optionTable: readonly OptionDefinition[] = [
  {
    key: 'directory',
    flag: 'directory',
    kind: 'string',
    description: 'the folder to create (also the first argument)',
    defaultValue: () => 'my-modelship',
    validate: checkTargetFolder,
    normalize: (value, cwd) => resolve(cwd, String(value)),
    prompt: {
      kind: 'text',
      message: 'Where should the workspace go?',
      placeholder: 'my-modelship',
    },
  },
  {
    key: 'name',
    flag: 'name',
    kind: 'string',
    description: 'the project name (README title, image name)',
    defaultValue: (answers) => toPackageName(basename(String(answers.directory))),
    validate: checkName(validateNpmName),
    prompt: { kind: 'text', message: 'Project name' },
  },
  {
    key: 'scope',
    flag: 'scope',
    kind: 'string',
    description: 'the npm scope of the packages (@scope/training)',
    defaultValue: (answers) => answers.name,
    validate: checkName(validateNpmName),
    normalize: (value) => String(value).replace(/^@/, ''),
    prompt: { kind: 'text', message: 'npm scope for the workspace packages (without @)' },
  },
  {
    key: 'ci',
    flag: 'ci',
    kind: 'string',
    description: `CI/CD definitions to keep: ${CI_PROVIDERS.join(' | ')}`,
    defaultValue: () => 'both',
    validate: (value) =>
      CI_PROVIDERS.includes(value as never)
        ? undefined
        : `choose one of ${CI_PROVIDERS.join(', ')}`,
    prompt: {
      kind: 'select',
      message: 'CI/CD',
      choices: choices(CI_PROVIDERS, {
        github: 'GitHub Actions',
        azure: 'Azure Pipelines',
        both: 'GitHub Actions and Azure Pipelines',
        none: 'none',
      }),
    },
  },
  {
    key: 'registry',
    flag: 'registry',
    kind: 'string',
    description: `where the model registry stores versions: ${REGISTRY_STORES.join(' | ')}`,
    defaultValue: () => 'file',
    validate: (value) =>
      REGISTRY_STORES.includes(value as never)
        ? undefined
        : `choose one of ${REGISTRY_STORES.join(', ')}`,
    prompt: {
      kind: 'select',
      message: 'Model registry store',
      choices: choices(REGISTRY_STORES, {
        file: 'a folder in the workspace (file:)',
        azblob: 'Azure Blob Storage (azblob://)',
      }),
    },
  },
  ...azureOptions(),
  {
    key: 'maxClasses',
    flag: 'max-classes',
    kind: 'string',
    description: `the most classes a target of your CSV may hold (default ${DEFAULT_MAX_CLASSES})`,
    defaultValue: () => undefined,
    isAsked: () => false,
    validate: checkMaxClasses,
    prompt: { kind: 'text', message: 'Most classes a target may hold' },
  },
  {
    key: 'data',
    flag: 'data',
    kind: 'string',
    description: 'your own CSV (default: the generated sample dataset)',
    defaultValue: () => undefined,
    validate: checkDataFile,
    normalize: (value, cwd) =>
      value === undefined || value === '' ? undefined : resolve(cwd, String(value)),
    prompt: {
      kind: 'text',
      message: 'Path of your own CSV (leave empty for the sample churn dataset)',
      placeholder: 'sample',
    },
  },
  {
    key: 'target',
    flag: 'target',
    kind: 'string',
    description: 'the column of your CSV to predict (with --data)',
    defaultValue: () => undefined,
    isAsked: (answers) => answers.data !== undefined,
    validate: checkTarget,
    prompt: {
      kind: 'select',
      message: 'Which column should the model predict?',
      choices: (answers) =>
        readColumns(answers).map((column) => ({ value: column, label: column })),
    },
  },
  {
    key: 'model',
    flag: 'model',
    kind: 'string',
    description: `the model family in params.yaml: ${MODEL_TYPES.join(' | ')} (auto trains each and keeps the best)`,
    defaultValue: () => 'mlp',
    validate: (value) =>
      MODEL_TYPES.includes(value as never) ? undefined : `choose one of ${MODEL_TYPES.join(', ')}`,
    prompt: {
      kind: 'select',
      message: 'Model family',
      choices: choices(MODEL_TYPES, {
        mlp: 'a neural network (TensorFlow.js)',
        gbdt: 'gradient-boosted trees',
        linear: 'a linear model (logistic or ridge regression)',
        auto: 'auto: train all three, keep the best on the validation split',
      }),
    },
  },
  {
    key: 'install',
    flag: 'install',
    kind: 'boolean',
    description: 'run npm install (--no-install to skip)',
    defaultValue: () => true,
    prompt: { kind: 'confirm', message: 'Install dependencies now (npm install)?' },
  },
  {
    key: 'git',
    flag: 'git',
    kind: 'boolean',
    description: 'initialise a git repository (--no-git to skip)',
    defaultValue: () => true,
    prompt: { kind: 'confirm', message: 'Initialise a git repository?' },
  },
];

function azureOptions(): OptionDefinition[] {
  const rows = [
    ['resourceGroup', 'resource-group', 'Azure resource group', validateResourceGroupName],
    ['webApp', 'web-app', 'Azure Web App (serves the model)', validateWebAppName],
    [
      'containerRegistry',
      'container-registry',
      'Azure Container Registry',
      validateContainerRegistryName,
    ],
    [
      'storageAccount',
      'storage-account',
      'Azure Storage account (data, registry)',
      validateStorageAccountName,
    ],
  ] as const;
  return rows.map(([key, flag, description, validator]) => ({
    key,
    flag,
    kind: 'string',
    description: `${description} name (default derived from the name)`,
    defaultValue: (answers) => deriveAzureNames(String(answers.name))[key],
    isAsked: usesAzure,
    validate: checkName(validator),
    prompt: { kind: 'text', message: `${description} name` },
  }));
}
