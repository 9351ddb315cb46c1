import { CtError } from './ct-error.js';

/** `GET /admin/rollout`'s answer (the serving admin API contract). */
export interface RolloutStatus {
  strategy: 'none' | 'shadow' | 'canary' | 'blue_green' | 'ab';
  state: 'idle' | 'loading' | 'running' | 'promoted' | 'rolled_back' | 'aborted' | 'switched';
  stable: { name: string; version: string | number } | null;
  candidate: { name: string; version: string | number } | null;
  weights: Record<string, number>;
  step: number | null;
  checks: { at: string; check: string; result: string; detail: string }[];
  history: { at: string; event: string; detail: string }[];
}

/** A client of the service's token-protected admin API. */
export interface AdminClient {
  status(): Promise<RolloutStatus>;
  start(body: Record<string, unknown>): Promise<RolloutStatus>;
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
    status: () => call('GET', '/admin/rollout'),
    start: (body) => call('POST', '/admin/rollout', body),
    abort: () => call('DELETE', '/admin/rollout'),
  };
}
