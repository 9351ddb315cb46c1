// postpack: template/ is a copy of the whole workspace; leaving it would put a second set of
// projects in front of lint, Prettier and the Nx project graph.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

rmSync(join(import.meta.dirname, '..', 'template'), { recursive: true, force: true });
