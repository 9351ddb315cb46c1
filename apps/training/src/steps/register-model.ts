import { readBundleMetadata } from '@modelship/model-bundle';
import type { ModelVersion } from '@modelship/model-registry';
import {
  DEFAULT_REGISTRY_URL,
  openRegistry,
  selectRegistryUrl as selectUrl,
} from '@modelship/model-registry';
import type { StepContext } from './step-context.js';

/**
 * The registry a pipeline run talks to: $MODEL_REGISTRY (CI points a workspace at the shared
 * registry this way), else params.yaml `registry.url`, else the embedded default.
 */
export function selectRegistryUrl(
  ctx: StepContext,
  env: Record<string, string | undefined> = process.env,
): string {
  return selectUrl(ctx.params.registry?.url, env);
}

export interface RegisterBundleOptions {
  /**
   * Promote to production when the bundle's gate passed. Unset: only on the embedded default
   * registry (a laptop's `file:.modelship/registry`); shared registries promote through review.
   */
  promote?: boolean;
  by?: string;
  reason?: string;
}

export interface RegisterBundleResult {
  url: string;
  version: ModelVersion;
  /** False when this exact bundle was registered before (re-runs are idempotent). */
  created: boolean;
  promoted: boolean;
}

/**
 * Registers a finished bundle in params.yaml's `registry.url` and, when its gate passed and
 * promotion applies, promotes it to production (archiving the previous production version).
 */
export async function registerBundle(
  ctx: StepContext,
  bundleDir: string,
  options: RegisterBundleOptions = {},
): Promise<RegisterBundleResult> {
  const url = selectRegistryUrl(ctx);
  const registry = await openRegistry(url, { root: ctx.root });
  const { version, created } = await registry.registerModel(bundleDir, {
    registeredBy: options.by,
    reason: options.reason,
    allowExisting: true,
  });
  ctx.log(
    created
      ? `registered ${version.name} v${version.version} in ${url}`
      : `${version.name} v${version.version} already holds this bundle in ${url}; nothing registered`,
  );

  const gate = (await readBundleMetadata(bundleDir)).gate;
  const wanted = options.promote ?? url.trim() === DEFAULT_REGISTRY_URL;
  const current = await registry.getVersion(version.name, { version: version.version });
  let promoted = false;
  if (!wanted) {
    ctx.log(`not promoting: ${url} is a shared registry (pass --promote to promote from here)`);
  } else if (!gate?.passed) {
    ctx.log(`not promoting v${version.version}: its gate ${gate ? 'failed' : 'was not run'}`);
  } else if (current.stage === 'production') {
    ctx.log(`v${version.version} is already in production`);
  } else {
    await registry.promote(version.name, version.version, 'production', {
      by: options.by,
      reason: options.reason ?? 'gate passed',
    });
    promoted = true;
    ctx.log(`promoted ${version.name} v${version.version} to production`);
  }
  return { url, version, created, promoted };
}
