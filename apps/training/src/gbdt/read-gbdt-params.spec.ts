import { ParamsError } from '@modelship/params';
import { readGbdtParams } from './read-gbdt-params.js';

describe('readGbdtParams', () => {
  it("fills the schema's defaults for absent keys and reads model.seed", () => {
    expect(readGbdtParams({ name: 'm', seed: 11 })).toEqual({
      learningRate: 0.1,
      maxTrees: 500,
      earlyStoppingRounds: 20,
      maxDepth: 12,
      maxLeaves: 31,
      minRowsPerLeaf: 20,
      l2: 0,
      rowSubsample: 1,
      columnSubsample: 1,
      maxBins: 255,
      classWeight: 'none',
      seed: 11,
    });
  });

  it('reads every key of model.gbdt', () => {
    const params = readGbdtParams({
      name: 'm',
      gbdt: {
        learning_rate: 0.05,
        max_trees: 80,
        early_stopping_rounds: 0,
        max_depth: 4,
        max_leaves: 8,
        min_rows_per_leaf: 3,
        l2: 1.5,
        row_subsample: 0.8,
        column_subsample: 0.5,
        max_bins: 63,
        class_weight: 'balanced',
      },
    });
    expect(params).toMatchObject({
      learningRate: 0.05,
      maxTrees: 80,
      earlyStoppingRounds: 0,
      maxDepth: 4,
      maxLeaves: 8,
      minRowsPerLeaf: 3,
      l2: 1.5,
      rowSubsample: 0.8,
      columnSubsample: 0.5,
      maxBins: 63,
      classWeight: 'balanced',
    });
  });

  it.each([
    [{ learning_rate: 0 }, 'model.gbdt.learning_rate must be a number in (0, 1], got 0'],
    [{ max_depth: -1 }, 'model.gbdt.max_depth must be an integer in [1, 64], got -1'],
    [{ max_bins: 256 }, 'model.gbdt.max_bins must be an integer in [2, 255], got 256'],
    [{ row_subsample: 1.5 }, 'model.gbdt.row_subsample must be a number in (0, 1], got 1.5'],
  ])('rejects %j naming the key, the allowed range and the value', (gbdt, message) => {
    const read = () => readGbdtParams({ name: 'm', gbdt });
    expect(read).toThrow(ParamsError);
    expect(read).toThrow(message);
  });
});
