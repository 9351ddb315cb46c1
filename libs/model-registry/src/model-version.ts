import type { BundleFileEntry, GateDecision } from '@modelship/model-bundle';

/** Lifecycle stages, as in MLflow's classic registry. A version with no stage is "none". */
export const STAGES = ['none', 'staging', 'production', 'archived'] as const;
export type Stage = (typeof STAGES)[number];

/** Version of the manifest layout below; bumped on incompatible changes. */
export const REGISTRY_FORMAT_VERSION = 1;

/**
 * One registered model version: written once, with an exclusive create, and never changed.
 * Its stage and aliases live in the model's state, which changes; the version does not.
 */
export interface ModelVersion {
  registryFormat: typeof REGISTRY_FORMAT_VERSION;
  name: string;
  version: number;
  registeredAt: string;
  registeredBy: string;
  reason: string | null;
  /** sha256 over the bundle's files map (metadata.json aside): equal bundles, equal hash. */
  contentHash: string;
  /** Store folder holding this version's files (models/<name>/uploads/<uploadId>/). */
  uploadId: string;
  /** sha256 and size of every stored file, metadata.json included. */
  files: Record<string, BundleFileEntry>;
  bundleCreatedAt: string;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  data: { path: string; md5: string; rows: number; dvcFile: string | null };
  git: { commit: string | null; dirty: boolean };
  ci: { provider: string; buildUrl: string } | null;
  backend: string;
  /** Libraries that trained the model, plus node and the registry that registered it. */
  libraries: Record<string, string>;
  gate: GateDecision | null;
}

export type TransitionAction = 'promote' | 'archive' | 'rollback' | 'alias';

/** One line of a model's append-only history: who moved what, when and why. */
export interface TransitionEvent {
  at: string;
  by: string;
  reason: string | null;
  action: TransitionAction | 'register';
  version: number;
  from: Stage;
  to: Stage;
  alias?: string;
}

/** The mutable part of a model, replaced only with a compare-and-swap on its etag. */
export interface ModelState {
  name: string;
  revision: number;
  /** Stage by version number; versions absent here are in stage "none". */
  stages: Record<string, Exclude<Stage, 'none'>>;
  aliases: Record<string, number>;
  /** Earlier production versions, most recent last: what `rollback` returns to. */
  productionHistory: number[];
  history: TransitionEvent[];
}

/** A version together with its current stage and aliases, as listings show it. */
export interface ModelVersionView extends ModelVersion {
  stage: Stage;
  aliases: string[];
}

/** Which version to fetch or show: a number, the newest in a stage, an alias, or the latest. */
export type VersionSelector =
  { version: number } | { stage: Stage } | { alias: string } | Record<string, never>;

export interface TransitionOptions {
  by?: string;
  reason?: string;
}
