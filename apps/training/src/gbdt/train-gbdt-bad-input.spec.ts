// trainGbdt refusing what it cannot train on, naming the key, row or class.
import { generateMulticlassMatrices } from '../train/testing/generate-task-matrices.js';
import { GBDT_TEST_PARAMS } from './testing/gbdt-fixtures.js';
import { trainGbdt } from './train-gbdt.js';

const params = GBDT_TEST_PARAMS;

function binaryMatrices(seed = 3) {
  return generateMulticlassMatrices({ classes: 2, rows: 3_000, width: 6, seed });
}
describe('trainGbdt bad input', () => {
  const data = binaryMatrices();

  it('names the class that has no training row', () => {
    expect(() =>
      trainGbdt(data.train, data.validation, { task: 'multiclass', classes: 3 }, params),
    ).toThrow('Class index 2 has no training row');
  });

  it('names the row of a non-finite target', () => {
    const y = Float64Array.from(data.train.y);
    y[17] = Number.NaN;
    expect(() =>
      trainGbdt({ ...data.train, y }, data.validation, { task: 'regression' }, params),
    ).toThrow("The training split's target is NaN at row 17");
    y[17] = Number.POSITIVE_INFINITY;
    expect(() =>
      trainGbdt({ ...data.train, y }, data.validation, { task: 'regression' }, params),
    ).toThrow("The training split's target is Infinity at row 17");
  });

  it('refuses early stopping without validation rows', () => {
    const empty = { ...data.validation, x: new Float32Array(0), y: new Uint8Array(0), rows: 0 };
    expect(() =>
      trainGbdt(data.train, empty, { task: 'binary' }, { ...params, earlyStoppingRounds: 5 }),
    ).toThrow('Early stopping (model.gbdt.early_stopping_rounds) needs validation rows');
  });

  it('names a binary label that is not 0 or 1', () => {
    const y = Uint8Array.from(data.validation.y);
    y[3] = 2;
    expect(() =>
      trainGbdt(data.train, { ...data.validation, y }, { task: 'binary' }, params),
    ).toThrow("The validation split's target is 2 at row 3");
  });

  it('rejects more bins than training rows, naming the key and the range', () => {
    const small = {
      ...data.train,
      x: data.train.x.slice(0, 100 * 6),
      y: data.train.y.slice(0, 100),
      rows: 100,
    };
    expect(() =>
      trainGbdt(small, data.validation, { task: 'binary' }, { ...params, maxBins: 255 }),
    ).toThrow(
      'model.gbdt.max_bins must be an integer in [2, 100] for a training split of 100 rows, got 255',
    );
  });

  it('rejects a leaf minimum above half the training rows, naming the key and the range', () => {
    expect(() =>
      trainGbdt(
        data.train,
        data.validation,
        { task: 'binary' },
        {
          ...params,
          minRowsPerLeaf: data.train.rows,
        },
      ),
    ).toThrow(
      `model.gbdt.min_rows_per_leaf must be an integer in [1, ${data.train.rows / 2}] for a training split of ${data.train.rows} rows, got ${data.train.rows}`,
    );
  });
});
