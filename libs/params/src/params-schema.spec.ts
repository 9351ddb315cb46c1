import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  PARAMS_SCHEMA_FILE,
  paramsSchema,
  readEvaluateThreshold,
  readSchemaDefaults,
} from './params-schema.js';
import { readParams } from './read-params.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe("params.yaml's schema line", () => {
  const firstLine = readFileSync(join(workspaceRoot, 'params.yaml'), 'utf8').split('\n')[0];

  it('points editors at params.schema.json, relative to params.yaml', () => {
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
    expect(match).not.toBeNull();
    expect(resolve(workspaceRoot, match![1])).toBe(fileURLToPath(PARAMS_SCHEMA_FILE));
    expect(JSON.parse(readFileSync(resolve(workspaceRoot, match![1]), 'utf8'))).toEqual(
      paramsSchema,
    );
  });

  it('names a file the workspace params.yaml validates against', () => {
    expect(readParams(workspaceRoot).model.name).toBe(
      parse(readFileSync(join(workspaceRoot, 'params.yaml'), 'utf8')).model.name,
    );
  });
});

describe('params.schema.json', () => {
  it('gives evaluate.threshold a default of 0.5', () => {
    expect(readEvaluateThreshold({})).toBe(0.5);
    expect(readEvaluateThreshold({ evaluate: { threshold: 0.3 } })).toBe(0.3);
  });

  it("declares the model's defaults", () => {
    expect(readSchemaDefaults('model')).toEqual({
      type: 'mlp',
      hidden_units: [32, 16],
      activation: 'relu',
      dropout: 0,
      l2: 0,
      learning_rate: 0.001,
      epochs: 30,
      batch_size: 256,
      early_stopping_patience: 0,
      class_weight: 'balanced',
      loss: 'mse',
      huber_delta: 1,
      seed: 42,
      min_category_count: 5,
      max_categories: 50,
    });
  });

  it("declares the defaults of the model's family blocks", () => {
    expect(readSchemaDefaults('model', 'linear')).toEqual({ l2: 1 });
    expect(readSchemaDefaults('model', 'gbdt')).toMatchObject({ learning_rate: 0.1, max_trees: 500, max_bins: 255 });
    expect(readSchemaDefaults('model', 'no_such_block')).toEqual({});
  });
});
