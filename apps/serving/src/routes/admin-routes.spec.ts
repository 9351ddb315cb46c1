import type { RegistryCopy } from '../../test/rollout-fixture.js';
import { ADMIN_TOKEN, copyRegistry } from '../../test/rollout-fixture.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { startTestServer } from '../../test/serving-fixture.js';

const auth = `Bearer ${ADMIN_TOKEN}`;

describe('the admin API', () => {
  let copy: RegistryCopy;
  let server: TestServer;
  let disabled: TestServer;
  beforeAll(async () => {
    copy = await copyRegistry();
    await copy.registerVersion({ stage: 'staging' });
    server = await copy.startServer();
    disabled = await startTestServer();
  });
  afterAll(async () => {
    await disabled.close();
    await copy.remove();
  });

  it.each([
    ['get', '/admin/rollout'],
    ['post', '/admin/rollout'],
    ['delete', '/admin/rollout'],
    ['post', '/admin/rollout/promote'],
    ['post', '/admin/rollout/rollback'],
    ['post', '/admin/reload'],
  ] as const)('%s %s answers 404 when ADMIN_TOKEN is unset', async (method, path) => {
    const response = await disabled.http[method](path).set('Authorization', auth).expect(404);
    expect(response.body).toEqual({
      error: 'The admin API is disabled: set ADMIN_TOKEN to enable it.',
    });
  });

  it.each([
    [
      'no Authorization header',
      undefined,
      'The admin API needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    ],
    ['a wrong token', `Bearer ${ADMIN_TOKEN}x`, 'The admin token is wrong.'],
    [
      'another scheme',
      `Basic ${ADMIN_TOKEN}`,
      'The admin API needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    ],
  ])(
    'answers 401 with WWW-Authenticate for %s, before reading the body',
    async (_, header, error) => {
      const request = server.http.post('/admin/rollout').set('Content-Type', 'text/plain');
      if (header) request.set('Authorization', header);
      const response = await request.send('not json').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toEqual({ error });
    },
  );

  it.each([
    [{}, '`strategy` must be one of shadow, canary, blue_green, ab; got undefined.'],
    [
      { strategy: 'rainbow' },
      '`strategy` must be one of shadow, canary, blue_green, ab; got "rainbow".',
    ],
    [{ strategy: 'canary', version: 0 }, '`version` must be an integer from 1 to'],
    [
      { strategy: 'canary', stage: 'archived' },
      '`stage` must be one of staging, production; got "archived".',
    ],
    [{ strategy: 'canary', version: 2, stage: 'staging' }, 'Give `version` or `stage`, not both.'],
    [
      { strategy: 'canary', steps: [0.5, 0.2] },
      '`steps` must be a non-empty list of increasing weights',
    ],
    [{ strategy: 'canary', intervalMs: 'soon' }, '`intervalMs` must be an integer from 10 to'],
    [
      { strategy: 'shadow', sampleRate: 1.5 },
      '`sampleRate` must be a number from 0 to 1; got 1.5.',
    ],
    [{ strategy: 'ab', keyHeader: 'bad header' }, '`keyHeader` must be an HTTP header name'],
    [
      { strategy: 'shadow', split: 0.5 },
      '`split` is not an option of the shadow strategy; it takes sampleRate.',
    ],
    [[1, 2], 'The body must be a JSON object'],
  ])('answers 400 naming the field for %j', async (body, error) => {
    const response = await server.http
      .post('/admin/rollout')
      .set('Authorization', auth)
      .send(body)
      .expect(400);
    expect(response.body.error).toContain(error);
  });

  it('answers 404 for an unknown version, 409 for a second rollout and for nothing to act on', async () => {
    const missing = await server.http
      .post('/admin/rollout')
      .set('Authorization', auth)
      .send({ strategy: 'canary', version: 9 })
      .expect(404);
    expect(missing.body.error).toMatch(/9/);
    for (const path of ['/admin/rollout/promote', '/admin/rollout/rollback']) {
      const nothing = await server.http.post(path).set('Authorization', auth).expect(409);
      expect(nothing.body.error).toBe('No rollout is running; start one with POST /admin/rollout.');
    }
    await server.http.delete('/admin/rollout').set('Authorization', auth).expect(409);
    const idle = await server.http.get('/admin/rollout').set('Authorization', auth).expect(200);
    expect(idle.body).toMatchObject({ strategy: 'none', state: 'idle', candidate: null });
    const started = await server.http
      .post('/admin/rollout')
      .set('Authorization', auth)
      .send({ strategy: 'shadow', sampleRate: 0.5 })
      .expect(202);
    expect(started.body).toMatchObject({
      strategy: 'shadow',
      state: 'loading',
      stable: { name: 'churn', version: '1' },
      candidate: { name: 'churn', version: '2' },
    });
    const second = await server.http
      .post('/admin/rollout')
      .set('Authorization', auth)
      .send({ strategy: 'canary', version: 2 })
      .expect(409);
    expect(second.body.error).toMatch(/A shadow rollout of v2 is (loading|running)/);
    await server.http.delete('/admin/rollout').set('Authorization', auth).expect(200);
  });

  it('reload answers the version serving when the stage has not moved', async () => {
    const reload = await server.http.post('/admin/reload').set('Authorization', auth).expect(200);
    expect(reload.body).toEqual({ swapped: false, version: '1' });
  });
});
