import { ParamsError } from '@modelship/params';
import { pino } from 'pino';
import { ConfigError } from './config/config-error.js';
import type { ServingConfig } from './config/serving-config.js';
import { loadServingConfig } from './config/serving-config.js';
import { createServingContext } from './create-serving-context.js';
import { buildExampleRow, formatPredictCurl } from './input/build-example-row.js';
import { startServer } from './http/start-server.js';
import { loadServedModel } from './models/load-served-model.js';
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
    void running.shutdown().then(() => process.exit(0));
  });
}

const model = await loadServedModel(ctx);
ctx.registryWatcher.start();
await startConfiguredRollout(ctx);
if (model) {
  const curl = formatPredictCurl(
    running.url,
    buildExampleRow(model.featureSpec, model.inputSchema),
  );
  process.stdout.write(
    `\nmodelship serving ${model.key.name} v${model.key.version} on ${running.url}\ntry:\n  ${curl}\n\n`,
  );
} else {
  process.stdout.write(
    `\nmodelship serving on ${running.url} is NOT ready: ${ctx.status.loadError}\nsee ${running.url}/health/ready\n\n`,
  );
}
