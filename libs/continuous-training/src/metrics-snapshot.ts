import { SERVING_PATHS } from '@modelship/serving-contract';
import { readFileSync } from 'node:fs';
import { CtError } from './ct-error.js';
import { parsePrometheusText, type PromSample } from './prometheus-text.js';

export interface MetricsSourceOptions {
  /** The service's base URL; `<url>/metrics` is scraped. */
  serviceUrl?: string;
  /** A saved scrape of `/metrics` (Prometheus text). */
  metricsFile?: string;
  timeoutMs?: number;
}

/**
 * Reads the service's metrics from a live scrape or a saved file; null when neither is given.
 * @throws CtError (exit 2) when the service cannot be reached or the text is not Prometheus text
 */
export async function readMetricsSnapshot(
  options: MetricsSourceOptions,
): Promise<PromSample[] | null> {
  if (options.metricsFile) {
    let text: string;
    try {
      text = readFileSync(options.metricsFile, 'utf8');
    } catch (error) {
      throw new CtError(
        'E_CT_SOURCE',
        `--metrics-file ${options.metricsFile}: cannot read it (${(error as Error).message}).`,
        options.metricsFile,
        { cause: error },
      );
    }
    return parsePrometheusText(text, options.metricsFile);
  }
  if (!options.serviceUrl) return null;
  const url = `${options.serviceUrl.replace(/\/+$/, '')}${SERVING_PATHS.metrics}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch (error) {
    throw new CtError(
      'E_CT_SOURCE',
      `cannot scrape ${url} (${(error as Error).message}); is the service running? Start it with \`npm run serve\` or pass --metrics-file.`,
      url,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new CtError(
      'E_CT_SOURCE',
      `${url} answered HTTP ${response.status}; expected the Prometheus metrics of a modelship service.`,
      response.status,
    );
  }
  return parsePrometheusText(await response.text(), url);
}
