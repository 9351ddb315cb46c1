import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ModelType, ProjectOptions } from '../cli/project-options.js';
import { modelType } from './model-type.js';

// The workspace's own params.yaml, as the scaffolder copies it.
const PARAMS = join(import.meta.dirname, '..', '..', '..', '..', 'params.yaml');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'model-type-'));
  copyFileSync(PARAMS, join(root, 'params.yaml'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const options = (model: ModelType) => ({ model }) as ProjectOptions;

describe('the model family installer', () => {
  it.each<ModelType>(['gbdt', 'linear', 'auto'])(
    'sets model.type to %s and keeps every other key and comment',
    async (model) => {
      expect(modelType.inUse(options(model))).toBe(true);
      await modelType.installer(root, options(model));
      const before = parse(readFileSync(PARAMS, 'utf8'));
      const text = readFileSync(join(root, 'params.yaml'), 'utf8');
      expect(parse(text)).toEqual({ ...before, model: { ...before.model, type: model } });
      // Every comment's text, whether on its own line or after a key.
      const comments = (yaml: string) =>
        yaml
          .split('\n')
          .flatMap((line) => (line.includes('#') ? [line.slice(line.indexOf('#'))] : []));
      expect(comments(text)).toEqual(comments(readFileSync(PARAMS, 'utf8')));
    },
  );

  it('leaves params.yaml alone for the network, the default', () => {
    expect(modelType.inUse(options('mlp'))).toBe(false);
  });
});
