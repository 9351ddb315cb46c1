// Worker thread entry. A compiled build ships inference-worker.js beside this file and runs it;
// from source (tsx, Jest) the TypeScript worker is loaded through tsx's scoped loader, so worker
// threads work the same whether the parent process runs under tsx, Jest or plain node.
import { existsSync } from 'node:fs';

const compiled = new URL('./inference-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./inference-worker.ts', import.meta.url);
}
