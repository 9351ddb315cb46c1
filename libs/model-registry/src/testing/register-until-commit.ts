// Child process for the crash test: registers a bundle, prints "committing" when only the version
// manifest is left to write, and waits there until the parent kills it.
// Usage: node --import tsx register-until-commit.ts <registry-url> <bundle-dir> [connection-string]
import { ModelRegistry, openRegistry } from '../model-registry.js';
import { FaultyStore } from './faulty-store.js';

const [url = '', bundleDir = '', connectionString] = process.argv.slice(2);
const registry = await openRegistry(url, { azureConnectionString: connectionString });
const stalled = new ModelRegistry(
  new FaultyStore(registry.store, /\/versions\/\d+\.json$/, () => {
    process.stdout.write('committing\n');
    return new Promise<never>(() => setInterval(() => undefined, 60_000));
  }),
);
await stalled.registerModel(bundleDir);
