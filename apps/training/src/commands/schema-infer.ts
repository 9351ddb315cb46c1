import { findWorkspaceRoot, resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { formatSchema, inferSchema, writeSchema } from '@modelship/data-validation';
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
  },
  async run({ args }) {
    try {
      const root = findWorkspaceRoot();
      const sampleRows =
        args['sample-rows'] === undefined ? undefined : Number(args['sample-rows']);
      const schema = await inferSchema(resolveFromRoot(root, args.csv), {
        target: args.target,
        name: args.name,
        sampleRows,
      });
      if (!args.out) return void process.stdout.write(formatSchema(schema));
      await writeSchema(schema, resolveFromRoot(root, args.out));
      process.stderr.write(
        `wrote ${args.out}: ${schema.columns.length} columns, target ${schema.target.column} (${schema.target.kind}${schema.target.positive ? `, positive "${schema.target.positive}"` : ''})\n`,
      );
      process.stderr.write(
        `next: review roles, ranges and categories in ${args.out}, set data.schema in params.yaml, then run npx modelship validate\n`,
      );
    } catch (error) {
      exitOnExpectedError('schema infer', error);
    }
  },
});

// `modelship schema <sub-command>`: the dataset schema file.
export default defineCommand({
  meta: { name: 'schema', description: 'Work with the dataset schema file.' },
  subCommands: { infer },
});
