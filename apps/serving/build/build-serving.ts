// `nx run serving:build`: the production build of the service, what the Docker image runs.
// dist/apps/serving/ gets main.js and inference-worker.js (esbuild bundles with the workspace
// libraries inlined and npm packages left external), the worker bootstrap, a package.json listing
// exactly the external packages the bundles import (at the versions the root lockfile resolved),
// a package-lock.json pruned to them by Nx, and the .npmrc, so `npm ci --omit=dev` installs it.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { generatePrunedDeployOutput } from '@nx/js';
import type { Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PROJECT = 'apps/serving';
const OUT = join(ROOT, 'dist', PROJECT);
const WORKSPACE_SCOPE = '@modelship/';
const ENTRIES = {
  main: join(ROOT, PROJECT, 'src/main.ts'),
  'inference-worker': join(ROOT, PROJECT, 'src/inference/inference-worker.ts'),
};

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const { metafile } = await build({
  entryPoints: ENTRIES,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [externalizeNpmPackages()],
  // Bundled CommonJS dependencies of the libs may call require(): give ESM output one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
await copyFile(
  join(ROOT, PROJECT, 'src/inference/inference-worker-bootstrap.mjs'),
  join(OUT, 'inference-worker-bootstrap.mjs'),
);
await copyFile(join(ROOT, '.npmrc'), join(OUT, '.npmrc'));
// @modelship/params reads its JSON Schema beside its module (`new URL('./params.schema.json',
// import.meta.url)`); bundled, that module is main.js, so the schema goes beside it.
await copyFile(join(ROOT, 'libs/params/src/params.schema.json'), join(OUT, 'params.schema.json'));
const manifest = await writeManifest(listExternalPackages(metafile));
const graph = await createProjectGraphAsync({ exitOnError: true });
generatePrunedDeployOutput(manifest, graph, PROJECT, {
  outputDirectory: OUT,
  packageManager: 'npm',
  workspaceRoot: ROOT,
});
process.stdout.write(
  `built ${relative(ROOT, OUT)}: ${Object.keys(manifest.dependencies).length} runtime dependencies (${Object.keys(manifest.dependencies).join(', ')})\n`,
);

// --- internal ---

interface Manifest {
  name: string;
  version: string;
  private: boolean;
  type: 'module';
  main: string;
  scripts: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
}

// Bare imports outside the workspace scope stay imports; workspace libs are bundled from source.
function externalizeNpmPackages(): Plugin {
  return {
    name: 'externalize-npm-packages',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith(WORKSPACE_SCOPE)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

function listExternalPackages(meta: Metafile): string[] {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith('node:') || path.startsWith('.')) continue;
      const name = readPackageName(path);
      if (!builtins.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

function readPackageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

async function writeManifest(packages: string[]): Promise<Manifest> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const servingManifest = JSON.parse(
    await readFile(join(ROOT, PROJECT, 'package.json'), 'utf8'),
  ) as { version: string };
  const rootManifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    engines: Record<string, string>;
  };
  const dependencies: Record<string, string> = {};
  for (const name of packages) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) {
      throw new Error(
        `The serving bundle imports \`${name}\`, which package-lock.json does not resolve at the root: add it to apps/serving/package.json and run npm install.`,
      );
    }
    dependencies[name] = version;
  }
  const manifest: Manifest = {
    name: '@modelship/serving-image',
    version: servingManifest.version,
    private: true,
    type: 'module',
    main: 'main.js',
    scripts: { start: 'node main.js' },
    engines: rootManifest.engines,
    dependencies,
  };
  await writeFile(join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
