import { readServerTimeoutsConfig } from './read-server-timeouts-config.js';

describe('readServerTimeoutsConfig', () => {
  it('defaults to 10 s for headers, 30 s for the request and 65 s keep-alive', () => {
    expect(readServerTimeoutsConfig({})).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
    });
  });

  it('reads every variable', () => {
    expect(
      readServerTimeoutsConfig({
        HEADERS_TIMEOUT_MS: '200',
        REQUEST_TIMEOUT_MS: '300',
        KEEP_ALIVE_TIMEOUT_MS: '120000',
      }),
    ).toEqual({ headersTimeoutMs: 200, requestTimeoutMs: 300, keepAliveTimeoutMs: 120_000 });
  });

  it.each([
    [{ HEADERS_TIMEOUT_MS: '0' }, 'HEADERS_TIMEOUT_MS="0": expected an integer from 1 to 3600000.'],
    [
      { REQUEST_TIMEOUT_MS: '30s' },
      'REQUEST_TIMEOUT_MS="30s": expected an integer from 1 to 3600000.',
    ],
    [
      { KEEP_ALIVE_TIMEOUT_MS: '-1' },
      'KEEP_ALIVE_TIMEOUT_MS="-1": expected an integer from 1 to 3600000.',
    ],
    [
      { HEADERS_TIMEOUT_MS: '40000' },
      'HEADERS_TIMEOUT_MS="40000": must not exceed REQUEST_TIMEOUT_MS (30000): the headers are part of the request.',
    ],
  ])('refuses %j', (env, message) => {
    expect(() => readServerTimeoutsConfig(env)).toThrow(message);
  });
});
