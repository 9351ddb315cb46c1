import { ParamsError } from '@modelship/params';
import { pino } from 'pino';
import { ConfigError } from './config/config-error.js';
import type { ServingConfig } from './config/serving-config.js';
import { loadServingConfig } from './config/serving-config.js';
import { createServingContext } from './create-serving-context.js';
import { buildExampleRow, formatPredictCurl } from './input/build-example-row.js';
import { startServer } from './http/start-server.js';
import { loadServedModel } from './models/load-served-model.js';
import type { ModelVersion } from './models/model-version.js';
import { startConfiguredRollout } from './rollouts/start-configured-rollout.js';

// `npx tsx apps/serving/src/main.ts`: listen first (liveness answers while the model loads),
// then fetch, verify and load the model; SIGTERM and SIGINT drain and exit 0.
let config: ServingConfig;
try {
  config = loadServingConfig();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof ParamsError)) throw error;
  process.stderr.write(`modelship serving: ${error.message}\n`);
  process.exit(2);
}

const ctx = createServingContext(config, pino({ level: config.logLevel }));
const running = await startServer(ctx);
ctx.logger.info({ url: running.url }, `listening on ${running.url}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    ctx.logger.info({ signal }, 'signal received');
    ctx.registryWatcher.stop();
    ctx.rollouts.stop();
    running.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

const model = await loadServedModel(ctx);
// A signal during the load: the drain owns the process now; start no poll and no rollout.
if (!ctx.status.shuttingDown) {
  ctx.registryWatcher.start();
  await startConfiguredRollout(ctx);
  printHowToTry(running.url, model);
}

function printHowToTry(url: string, served: ModelVersion | null): void {
  if (served) {
    const curl = formatPredictCurl(url, buildExampleRow(served.featureSpec, served.inputSchema));
    process.stdout.write(
      `\nmodelship serving ${served.key.name} v${served.key.version} on ${url}\ntry:\n  ${curl}\n\n`,
    );
  } else {
    process.stdout.write(
      `\nmodelship serving on ${url} is NOT ready: ${ctx.status.loadError}\nsee ${url}/health/ready\n\n`,
    );
  }
}
