import type { FeatureSpec } from '@modelship/features';
import { listV2ColumnInputs } from './v2-column-inputs.js';

const BASE = {
  specVersion: 1 as const,
  excluded: [],
  missingValues: [''],
  booleanValues: { true: ['Y'], false: ['N'] },
  fittedRows: 10,
};

describe('listV2ColumnInputs', () => {
  it("lists an imported model's columns with the datatype of the input each feeds", () => {
    const spec: FeatureSpec = {
      ...BASE,
      columns: [
        { kind: 'raw-number', column: 'f' },
        { kind: 'raw-number', column: 'd' },
        { kind: 'raw-number', column: 'i64' },
        { kind: 'raw-number', column: 'i32' },
        { kind: 'raw-number', column: 'flag01' },
        { kind: 'raw-number', column: 'owns', boolean: true },
        { kind: 'raw-string', column: 'plan', vocabulary: ['a'] },
      ],
      featureNames: ['f', 'd', 'i64', 'i32', 'flag01', 'owns', 'plan'],
      width: 7,
      modelInputs: [
        { name: 'floats', elementType: 'float', columns: ['f', 'owns'] },
        { name: 'd', elementType: 'double', columns: ['d'] },
        { name: 'i64', elementType: 'int64', columns: ['i64'] },
        { name: 'i32', elementType: 'int32', columns: ['i32'] },
        { name: 'flag01', elementType: 'bool', columns: ['flag01'] },
        { name: 'plan', elementType: 'string', columns: ['plan'] },
      ],
    };
    expect(listV2ColumnInputs(spec).map((input) => [input.name, input.datatype])).toEqual([
      ['f', 'FP32'],
      ['d', 'FP64'],
      ['i64', 'INT64'],
      ['i32', 'INT32'],
      ['flag01', 'INT64'],
      ['owns', 'BOOL'],
      ['plan', 'BYTES'],
    ]);
  });

  it("lists a trained model's raw columns by their values", () => {
    const spec: FeatureSpec = {
      ...BASE,
      columns: [
        { kind: 'numeric', column: 'n', median: 0, mean: 0, std: 1, missingIndicator: false },
        { kind: 'boolean', column: 'b', fill: 0, missingIndicator: false },
        { kind: 'categorical', column: 'c', vocabulary: ['x'] },
      ],
      featureNames: ['n', 'b', 'c=x', 'c=<other>'],
      width: 4,
    };
    expect(listV2ColumnInputs(spec)).toEqual([
      { name: 'n', datatype: 'FP64', shape: [-1] },
      { name: 'b', datatype: 'BOOL', shape: [-1] },
      { name: 'c', datatype: 'BYTES', shape: [-1] },
    ]);
  });
});
