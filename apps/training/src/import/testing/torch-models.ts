import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { createFloatTensor, createNode } from '../../export/onnx-graph-parts.js';

const { onnx } = onnxProto;

// PyTorch-shaped models (torch.onnx.export): one float tensor of the numeric features, a tensor
// output with no class labels in the graph, named as the notebook chose.

export interface TorchModelOptions {
  /** A fixed batch dimension of 1 (exported without dynamic_axes). @default 'dynamic' */
  batch?: 'dynamic' | 1;
  /** False: the module ends with its Linear layer and answers logits. @default true */
  activation?: boolean;
}

/**
 * A network as torch.onnx.export writes it: Gemm over [batch, 2] float features (tickets:
 * wait_minutes, words; loans: loan_amount, years_employed), then Softmax over `classes` columns
 * or Sigmoid on one, or nothing (logits), as `output`.
 */
export async function writeTorchModel(
  file: string,
  output: string,
  classes: number,
  options: TorchModelOptions = {},
): Promise<string> {
  const batch = options.batch ?? 'dynamic';
  const activation = classes === 1 ? 'Sigmoid' : 'Softmax';
  const scores = options.activation === false ? output : 'logits';
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'pytorch',
    producerVersion: '2.3.0',
    graph: {
      name: 'main_graph',
      node: [
        createNode('/fc/Gemm', 'Gemm', ['input', 'fc.weight', 'fc.bias'], scores),
        ...(options.activation === false
          ? []
          : [
              createNode(
                `/${activation}`,
                activation,
                ['logits'],
                output,
                classes === 1 ? undefined : 1,
              ),
            ]),
      ],
      initializer: [
        createFloatTensor(
          'fc.weight',
          [2, classes],
          classes === 1 ? [0.0001, -0.05] : [-0.05, 0, 0.05, -0.003, 0, 0.003],
        ),
        createFloatTensor('fc.bias', [classes], classes === 1 ? [-1] : [2, 0, -2]),
      ],
      input: [
        valueInfo('input', [
          batch === 1 ? { dimValue: 1 } : { dimParam: 'batch' },
          { dimValue: 2 },
        ]),
      ],
      output: [valueInfo(output, [{ dimParam: 'batch' }, { dimValue: classes }])],
    },
  });
  await writeFile(file, onnx.ModelProto.encode(proto).finish());
  return file;
}

function valueInfo(name: string, dim: { dimValue?: number; dimParam?: string }[]) {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } },
  };
}

export type TicketsSample = Awaited<ReturnType<typeof writeTickets>>;

/**
 * The tickets dataset (600 rows) whose schema leaves the network's two numbers as the only
 * features; `complete` keeps only the rows with every number (a network has no imputer).
 */
export async function writeTickets(root: string, options: { complete: boolean }) {
  const data = await writeTaskDataset(join(root, 'tickets'), 'multiclass', { rows: 600, seed: 2 });
  // The network reads the two numbers only; the schema says so.
  const schema = JSON.parse(await readFile(data.schemaPath, 'utf8')) as {
    columns: { name: string; role: string }[];
  };
  for (const column of schema.columns) if (column.name === 'channel') column.role = 'ignore';
  await writeFile(data.schemaPath, JSON.stringify(schema));
  if (!options.complete) return { ...data, rows: 600 };
  // A network has no imputer: the rows it can take have every number.
  const [header = '', ...lines] = (await readFile(data.csvPath, 'utf8')).trim().split('\n');
  const wait = header.split(',').indexOf('wait_minutes');
  const complete = lines.filter((line) => line.split(',')[wait] !== '');
  await writeFile(data.csvPath, `${[header, ...complete].join('\n')}\n`);
  return { ...data, rows: complete.length };
}

/** The loans dataset (600 rows) whose schema leaves loan_amount and years_employed as features. */
export async function writeLoanNumbers(root: string) {
  const loans = await writeTaskDataset(join(root, 'loans'), 'binary', { rows: 600, seed: 2 });
  const schema = JSON.parse(await readFile(loans.schemaPath, 'utf8')) as {
    columns: { name: string; role: string }[];
  };
  // Two numeric features in the schema's order, as the network was trained on.
  for (const column of schema.columns)
    if (!['loan_amount', 'years_employed', 'defaulted', 'application_ref'].includes(column.name))
      column.role = 'ignore';
  await writeFile(loans.schemaPath, JSON.stringify(schema));
  return loans;
}
