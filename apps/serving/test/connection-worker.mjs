// Test-only cluster worker for route-connections.spec.ts. It serves each connection the primary
// passes it (`modelship:connection` with an accepted TCP handle) by writing its own name and
// closing, and answers `modelship:adopted` as a serving process does. Once told `test:refuse` it
// refuses them, as a process that stopped listening does. It tells the primary every
// `modelship:fewest-connections` news it gets, so the spec sees what each real process received.
import { Socket } from 'node:net';

const name = process.env.TEST_WORKER_NAME;
let refuse = false;
process.on('message', (message, handle) => {
  if (message?.type === 'test:refuse') {
    refuse = true;
  } else if (message?.type === 'modelship:connection' && handle) {
    process.send({ type: 'modelship:adopted', id: message.id, accepted: !refuse });
    if (refuse) return handle.close();
    new Socket({ handle, readable: true, writable: true }).end(`${name}\n`);
  } else if (message?.type === 'modelship:fewest-connections') {
    process.send({ type: 'test:news', name, fewest: message.fewest });
  }
});
process.send({ type: 'test:ready', name });
