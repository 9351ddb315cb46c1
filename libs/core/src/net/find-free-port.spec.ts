import { once } from 'node:events';
import { createServer } from 'node:net';
import { findFreePort } from './find-free-port.js';

describe('findFreePort', () => {
  it('returns a port that can be listened on, and different ports while one is held', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    const held = createServer().listen(port, '127.0.0.1');
    await once(held, 'listening');
    try {
      const other = await findFreePort();
      expect(other).not.toBe(port);
    } finally {
      await new Promise<void>((resolve) => held.close(() => resolve()));
    }
  });
});
