#!/usr/bin/env node
// The published entry point: runs the compiled scaffolder (dist/ is built at pack time).
import { run } from '../dist/index.js';

process.exitCode = await run(process.argv.slice(2));
