import { isTask, ModelshipError, TASKS } from '@modelship/core';
import type { Task } from '@modelship/core';
import { findWorkspaceRoot, readParamsSection, readTask, resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_MAX_CLASSES,
  formatSchema,
  inferSchemaAndTask,
  writeSchema,
} from '@modelship/data-validation';
import { exitOnExpectedError } from './_exit-on-error.js';

const infer = defineCommand({
  meta: { name: 'infer', description: 'Infer a dataset schema from a CSV (then edit it by hand).' },
  args: {
    csv: {
      type: 'positional',
      description: 'the CSV file, relative to the workspace root',
      required: true,
    },
    target: { type: 'string', description: 'the column the model predicts', required: true },
    out: {
      type: 'string',
      description: 'write the schema here, relative to the workspace root (default: print it)',
    },
    name: { type: 'string', description: 'dataset name (default: the file name)' },
    'sample-rows': { type: 'string', description: 'read at most this many rows' },
    task: {
      type: 'string',
      description: `the task, ${TASKS.join(' | ')} (default: proposed from the target's values)`,
    },
    'max-classes': {
      type: 'string',
      description: `most classes a classification target may hold (default ${DEFAULT_MAX_CLASSES})`,
    },
  },
  async run({ args }) {
    try {
      const root = findWorkspaceRoot();
      const sampleRows =
        args['sample-rows'] === undefined ? undefined : Number(args['sample-rows']);
      const { schema, task } = await inferSchemaAndTask(resolveFromRoot(root, args.csv), {
        target: args.target,
        name: args.name,
        sampleRows,
        task: parseTask(args.task),
        maxClasses: parseMaxClasses(args['max-classes']),
      });
      process.stderr.write(`task ${task.task}: ${task.rule}\n`);
      if (!args.out) return void process.stdout.write(formatSchema(schema));
      await writeSchema(schema, resolveFromRoot(root, args.out));
      process.stderr.write(
        `wrote ${args.out}: ${schema.columns.length} columns, target ${schema.target.column} (${schema.target.kind}${schema.target.positive ? `, positive "${schema.target.positive}"` : ''})\n`,
      );
      const declared = readDeclaredTask(root);
      if (declared !== undefined && declared !== task.task)
        process.stderr.write(
          `params.yaml declares task ${declared}: set \`task: ${task.task}\` there to train this target\n`,
        );
      process.stderr.write(
        `next: review roles, ranges and categories in ${args.out}, set data.schema (and task: ${task.task}) in params.yaml, then run npx modelship validate\n`,
      );
    } catch (error) {
      exitOnExpectedError('schema infer', error);
    }
  },
});

// --- internal ---

function parseTask(value: string | undefined): Task | undefined {
  if (value === undefined || isTask(value)) return value;
  throw new ModelshipError(`--task must be one of ${TASKS.join(', ')}, got "${value}"`, {
    code: 'E_ARG_TASK',
    fix: `pass --task ${TASKS.join(' | ')}, or leave it out to have it proposed`,
  });
}

function parseMaxClasses(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (Number.isInteger(count) && count >= 2) return count;
  throw new ModelshipError(`--max-classes must be an integer >= 2, got "${value}"`, {
    code: 'E_ARG_MAX_CLASSES',
  });
}

// The workspace's task, when there is a params.yaml to read it from (schema infer runs without).
function readDeclaredTask(root: string): Task | undefined {
  if (!existsSync(join(root, 'params.yaml'))) return undefined;
  return readTask({ task: readParamsSection(root, 'task') });
}

// `modelship schema <sub-command>`: the dataset schema file.
export default defineCommand({
  meta: { name: 'schema', description: 'Work with the dataset schema file.' },
  subCommands: { infer },
});
