#!/usr/bin/env node
// The `modelship` command. npm links it into node_modules/.bin, so `npx modelship <command>` works
// from any folder of the workspace; it loads the TypeScript CLI through tsx's API, so there is no
// build step and no loader flag to remember.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
