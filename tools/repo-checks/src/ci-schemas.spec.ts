// Every CI definition validates against the official schema of its system (../shared/schemas).
// Azure Pipelines reads every scalar as a string (as its own parser does), hence `failsafe`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  formatSchemaErrors,
  loadSchemaValidator,
  WORKSPACE_ROOT,
} from './load-schema-validator.js';

const workflows = readdirSync(join(WORKSPACE_ROOT, '.github/workflows'))
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => `.github/workflows/${file}`);
const azureTemplates = readdirSync(join(WORKSPACE_ROOT, 'ci/azure'), { recursive: true })
  .map(String)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => `ci/azure/${file}`);

function readYaml(path: string, schema?: 'failsafe'): unknown {
  return parse(readFileSync(join(WORKSPACE_ROOT, path), 'utf8'), schema ? { schema } : {});
}

describe('GitHub Actions workflows', () => {
  const validate = loadSchemaValidator('github-workflow.schema.json');

  it('are the four the README documents', () => {
    expect(workflows.sort()).toEqual(
      ['cd.yml', 'ci.yml', 'ct.yml', 'load-test.yml'].map((file) => `.github/workflows/${file}`),
    );
  });

  it.each(workflows)('%s validates against the GitHub workflow schema', (path) => {
    const valid = validate(readYaml(path));
    expect(formatSchemaErrors(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema rejects a workflow with a misspelt job key', () => {
    const broken = {
      on: 'push',
      jobs: { a: { 'runs-onn': 'ubuntu-latest', steps: [{ run: 'x' }] } },
    };
    expect(validate(broken)).toBe(false);
  });
});

describe('Azure Pipelines', () => {
  const validate = loadSchemaValidator('azure-pipelines.schema.json');

  it.each(['azure-pipelines.yml', ...azureTemplates])(
    '%s validates against the Azure Pipelines schema',
    (path) => {
      const valid = validate(readYaml(path, 'failsafe'));
      expect(formatSchemaErrors(validate.errors)).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('has the stages Build, Test, Train, Image, Deploy_Staging, LoadTest, Promote and Rollback', () => {
    const pipeline = readYaml('azure-pipelines.yml') as { stages: Array<{ stage: string }> };
    expect(pipeline.stages.map((stage) => stage.stage)).toEqual(
      expect.arrayContaining([
        'Build',
        'Test',
        'Train',
        'Image',
        'Deploy_Staging',
        'LoadTest',
        'Promote',
        'Rollback',
      ]),
    );
  });

  it('the schema rejects a pipeline whose step has an unknown key', () => {
    expect(validate({ steps: [{ scrip: 'echo hi' }] })).toBe(false);
  });
});
