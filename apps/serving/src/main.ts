import cluster from 'node:cluster';
import { join } from 'node:path';
import { ParamsError } from '@modelship/params';
import { pino } from 'pino';
import { readClusterSlot } from './cluster/cluster-messages.js';
import { runClusterPrimary } from './cluster/run-cluster-primary.js';
import { ConfigError } from './config/config-error.js';
import type { ServingConfig } from './config/serving-config.js';
import { loadServingConfig } from './config/serving-config.js';
import { createServingContext } from './create-serving-context.js';
import { createServiceLogger, exitAfterLogs } from './create-service-logger.js';
import { buildExampleRow, formatPredictCurl } from './input/build-example-row.js';
import { startServer } from './http/start-server.js';
import { loadReference } from './monitoring/drift-monitor.js';
import { loadServedModel } from './models/load-served-model.js';
import type { ModelVersion } from './models/model-version.js';
import { startConfiguredRollout } from './rollouts/start-configured-rollout.js';

// `npx tsx apps/serving/src/main.ts`: listen first (liveness answers while the model loads),
// then fetch, verify and load the model; SIGTERM and SIGINT drain and exit 0. With
// CLUSTER_WORKERS >= 2 this process is the cluster's primary and each worker runs the rest.
let config: ServingConfig;
try {
  config = loadServingConfig();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof ParamsError)) throw error;
  process.stderr.write(`modelship serving: ${error.message}\n`);
  process.exit(2);
}

if (config.clusterWorkers > 1 && cluster.isPrimary) {
  const logger = pino({ level: config.logLevel });
  const code = await runClusterPrimary({
    workers: config.clusterWorkers,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    logger,
  });
  logger.info({ code }, 'cluster shut down');
  logger.flush();
  process.exit(code);
}

// Cluster workers fetch registry bundles into caches of their own: two processes renaming
// fetches into one folder would pull it from under each other.
const slot = readClusterSlot();
if (slot !== null) config = { ...config, cacheDir: join(config.cacheDir, `process-${slot}`) };

const ctx = createServingContext(config, createServiceLogger(config));
const running = await startServer(ctx);
ctx.logger.info({ url: running.url }, `listening on ${running.url}`);

// `on`, not `once`: in cluster mode a worker may get the signal twice (from its terminal's
// process group and from the primary), and a second one must not kill it mid-drain.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (ctx.status.shuttingDown) return;
    ctx.logger.info({ signal }, 'signal received');
    ctx.registryWatcher.stop();
    ctx.rollouts.stop();
    running.shutdown().then(
      () => exitAfterLogs(ctx.logger, 0),
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'shutdown failed');
        exitAfterLogs(ctx.logger, 1);
      },
    );
  });
}
// Cluster mode: an admin reload on another process polls the registry here too.
ctx.peers.onCommand((command) => {
  if (command.kind === 'reload' && !ctx.status.shuttingDown) {
    ctx.registryWatcher.poll({ force: true }).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, `registry reload failed: ${(error as Error).message}`);
    });
  }
});

const model = await loadServedModel(ctx);
// A signal during the load: the drain owns the process now; start no poll and no rollout.
if (!ctx.status.shuttingDown) {
  ctx.registryWatcher.start();
  await startConfiguredRollout(ctx);
  if (ctx.peers.leader) await printHowToTry(running.url, model);
}

async function printHowToTry(url: string, served: ModelVersion | null): Promise<void> {
  if (served) {
    // An imported model's raw number columns take their typical values from the reference
    // statistics (a trained model's feature spec holds its own); the curl needs no more.
    const reference = served.imported
      ? await loadReference(served).catch(() => undefined)
      : undefined;
    const row = buildExampleRow(served.featureSpec, served.inputSchema, reference);
    const curl = formatPredictCurl(url, row);
    process.stdout.write(
      `\nmodelship serving ${served.key.name} v${served.key.version} on ${url}\ntry:\n  ${curl}\n\n`,
    );
  } else {
    process.stdout.write(
      `\nmodelship serving on ${url} is NOT ready: ${ctx.status.loadError}\nsee ${url}/health/ready\n\n`,
    );
  }
}
