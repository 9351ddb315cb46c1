import type { RolloutStartRequest, RolloutStatus } from '@modelship/serving-contract';
import { SERVING_PATHS } from '@modelship/serving-contract';
import { CtError } from './ct-error.js';

export type { RolloutStatus };

/** A client of the service's token-protected admin API. */
export interface AdminClient {
  status(): Promise<RolloutStatus>;
  start(body: RolloutStartRequest): Promise<RolloutStatus>;
  abort(): Promise<RolloutStatus>;
}

/**
 * Talks to `<serviceUrl>/admin/...` with `Authorization: Bearer <token>`. Every failure is a
 * CtError naming the request, the HTTP status and the service's own `error` text.
 */
export function createAdminClient(serviceUrl: string, token: string | undefined): AdminClient {
  if (!token) {
    throw new CtError(
      'E_CT_ADMIN_TOKEN',
      'ADMIN_TOKEN is not set: export the token the service was started with (the admin API is off without it).',
      undefined,
    );
  }
  const base = serviceUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<RolloutStatus> => {
    const url = `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CtError(
        'E_CT_ADMIN',
        `${method} ${url} failed (${(error as Error).message}); is the service running at ${base}?`,
        url,
        { cause: error },
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text.slice(0, 200) };
    }
    if (!response.ok) {
      const reason = (json as { error?: unknown }).error ?? text.slice(0, 200);
      throw new CtError(
        'E_CT_ADMIN',
        `${method} ${url} answered ${response.status}: ${String(reason)}`,
        response.status,
      );
    }
    return json as RolloutStatus;
  };
  return {
    status: () => call('GET', SERVING_PATHS.adminRollout),
    start: (body) => call('POST', SERVING_PATHS.adminRollout, body),
    abort: () => call('DELETE', SERVING_PATHS.adminRollout),
  };
}
