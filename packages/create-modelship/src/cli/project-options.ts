import type { AzureNames } from '../utils/derive-names.js';

export const CI_PROVIDERS = ['github', 'azure', 'both', 'none'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** The model families params.yaml `model.type` names (`auto` trains each and keeps the best). */
export const MODEL_TYPES = ['mlp', 'gbdt', 'linear', 'auto'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const REGISTRY_STORES = ['file', 'azblob'] as const;
export type RegistryStore = (typeof REGISTRY_STORES)[number];

/** Everything a run needs to know, after flags, prompts and defaults. */
export interface ProjectOptions extends AzureNames {
  /** Absolute path of the folder to create. */
  directory: string;
  name: string;
  scope: string;
  ci: CiProvider;
  registry: RegistryStore;
  /** Absolute path of the user's own CSV; undefined for the sample dataset. */
  data: string | undefined;
  /** The column to predict in the user's CSV. */
  target: string | undefined;
  /** The most classes the target may hold, as given (--max-classes); undefined for the default. */
  maxClasses: string | undefined;
  /** The model family `model.type` starts with. */
  model: ModelType;
  install: boolean;
  git: boolean;
}

export type OptionKey = keyof ProjectOptions;
export type OptionValue = string | boolean | undefined;

/** The values settled so far, in the order the questions are asked. */
export type Answers = Partial<Record<OptionKey, OptionValue>>;

export function usesAzure(answers: Answers): boolean {
  return answers.ci !== 'none' || answers.registry === 'azblob';
}
