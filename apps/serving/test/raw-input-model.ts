// A small model of skl2onnx's shape over the generated loans dataset, built with onnx-proto: one
// input per column (text, float, int64), ai.onnx.ml Imputer and OneHotEncoder, then a logistic
// head on the generator's own formula, so it ranks rows well. With its raw feature spec (as
// `modelship import` writes one) it is the serving specs' stand-in for an imported model.
import type { FeatureSpec, ModelInputElementType } from '@modelship/features';
import { LOAN_PURPOSES, LOAN_SCHEMA } from '@modelship/data-validation/testing';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

type Attribute = InstanceType<typeof onnx.AttributeProto>;
type ValueInfo = InstanceType<typeof onnx.ValueInfoProto>;

const TERMS = ['36m', '60m'];
const PURPOSES = [...LOAN_PURPOSES, 'yacht'];

/** The loans columns the model takes, each its own [N, 1] input of this element type. */
export const RAW_INPUT_COLUMNS: readonly { column: string; elementType: ModelInputElementType }[] =
  [
    { column: 'income_k', elementType: 'float' },
    { column: 'loan_amount', elementType: 'float' },
    { column: 'term', elementType: 'string' },
    { column: 'purpose', elementType: 'string' },
    { column: 'years_employed', elementType: 'int64' },
    { column: 'owns_home', elementType: 'float' },
  ];

/**
 * The ONNX model's bytes: probability float32 [N, 1] of `defaulted = yes`; `inverted` negates
 * the logit (the same inputs, the ranking backwards).
 */
export function buildRawInputModel({ inverted = false } = {}): Uint8Array {
  const node = [
    mlNode('Imputer', ['income_k'], 'income_i', [
      floats('imputed_value_floats', [80]),
      float('replaced_value_float', Number.NaN),
    ]),
    mlNode('Imputer', ['owns_home'], 'owns_i', [
      floats('imputed_value_floats', [0]),
      float('replaced_value_float', Number.NaN),
    ]),
    plainNode('Div', ['loan_amount', 'income_i'], 'ratio'),
    plainNode('Cast', ['years_employed'], 'years_f', [int('to', DataType.FLOAT)]),
    mlNode('OneHotEncoder', ['term'], 'term_3d', [strings('cats_strings', TERMS)]),
    plainNode('Flatten', ['term_3d'], 'term_oh', [int('axis', 1)]),
    mlNode('OneHotEncoder', ['purpose'], 'purpose_3d', [strings('cats_strings', PURPOSES)]),
    plainNode('Flatten', ['purpose_3d'], 'purpose_oh', [int('axis', 1)]),
    plainNode('Concat', ['ratio', 'years_f', 'owns_i', 'term_oh', 'purpose_oh'], 'x', [
      int('axis', 1),
    ]),
    plainNode('MatMul', ['x', 'weights'], 'logit_w'),
    plainNode('Add', ['logit_w', 'bias'], 'logit'),
    plainNode('Sigmoid', ['logit'], 'probability'),
  ];
  // The generator's logit: 2.2 amount / 1000 / income - 0.08 years - 0.6 owns + 0.7 [60m]
  // + 0.8 [business] - 1.
  const sign = inverted ? -1 : 1;
  const weights = [
    2.2 / 1000,
    -0.08,
    -0.6,
    0,
    0.7,
    ...PURPOSES.map((p) => (p === 'business' ? 0.8 : 0)),
  ].map((weight) => sign * weight);
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producerName: 'skl2onnx-stand-in',
    producerVersion: '0',
    graph: {
      name: 'loans_pipeline',
      node,
      initializer: [
        floatTensor('weights', [weights.length, 1], weights),
        floatTensor('bias', [1], [-sign]),
      ],
      input: RAW_INPUT_COLUMNS.map(({ column, elementType }) =>
        valueInfo(column, ELEMENT_TYPES[elementType], 1),
      ),
      output: [valueInfo('probability', DataType.FLOAT, 1)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The raw feature spec `modelship import` would write for this model over the loans schema. */
export function buildRawInputSpec(fittedRows: number): FeatureSpec {
  const vocabularies: Record<string, string[]> = { term: TERMS, purpose: PURPOSES };
  return {
    specVersion: 1,
    columns: RAW_INPUT_COLUMNS.map(({ column, elementType }) =>
      elementType === 'string'
        ? { kind: 'raw-string', column, vocabulary: vocabularies[column] ?? [] }
        : column === 'owns_home'
          ? { kind: 'raw-number', column, boolean: true }
          : { kind: 'raw-number', column },
    ),
    excluded: [],
    featureNames: RAW_INPUT_COLUMNS.map(({ column }) => column),
    width: RAW_INPUT_COLUMNS.length,
    missingValues: ['', 'NA', 'NaN', 'null'],
    booleanValues: LOAN_SCHEMA.booleanValues ?? { true: ['true'], false: ['false'] },
    fittedRows,
    modelInputs: RAW_INPUT_COLUMNS.map(({ column, elementType }) => ({
      name: column,
      elementType,
      columns: [column],
    })),
  };
}

// --- internal ---

const ELEMENT_TYPES: Record<ModelInputElementType, number> = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
  int32: DataType.INT32,
  bool: DataType.BOOL,
  string: DataType.STRING,
};

function valueInfo(name: string, elemType: number, width: number): ValueInfo {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } },
  });
}

function floatTensor(name: string, dims: number[], values: number[]) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

function plainNode(opType: string, input: string[], output: string, attribute: Attribute[] = []) {
  return onnx.NodeProto.create({ name: output, opType, input, output: [output], attribute });
}

function mlNode(opType: string, input: string[], output: string, attribute: Attribute[]) {
  return onnx.NodeProto.create({
    name: output,
    opType,
    domain: 'ai.onnx.ml',
    input,
    output: [output],
    attribute,
  });
}

function int(name: string, i: number): Attribute {
  return onnx.AttributeProto.create({ name, type: AttributeType.INT, i });
}

function float(name: string, f: number): Attribute {
  return onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f });
}

function floats(name: string, values: number[]): Attribute {
  return onnx.AttributeProto.create({ name, type: AttributeType.FLOATS, floats: values });
}

function strings(name: string, values: string[]): Attribute {
  return onnx.AttributeProto.create({
    name,
    type: AttributeType.STRINGS,
    strings: values.map((value) => new TextEncoder().encode(value)),
  });
}
