// Every artifact a job downloads is uploaded under that name by a job it waits for (or, for CD,
// by the CI run that triggered it): a renamed upload fails here, not in a team's first deploy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';
import type { ArtifactFlow } from './check-artifact-names.js';
import {
  checkArtifactNames,
  readAzureArtifactFlow,
  readGithubArtifactFlow,
  readTriggeringWorkflows,
} from './check-artifact-names.js';
import { readCiDefinitions } from './read-ci-definitions.js';

const workflows = readCiDefinitions()
  .filter((definition) => definition.path.startsWith('.github/workflows/'))
  .map((definition) => ({
    name: (definition.yaml as { name?: string }).name ?? definition.path,
    yaml: definition.yaml,
    flow: readGithubArtifactFlow(definition.path, definition.yaml),
  }));
const azure = existsSync(join(WORKSPACE_ROOT, 'azure-pipelines.yml'))
  ? [
      readAzureArtifactFlow(
        'azure-pipelines.yml',
        parse(readFileSync(join(WORKSPACE_ROOT, 'azure-pipelines.yml'), 'utf8')),
        (path) => parse(readFileSync(join(WORKSPACE_ROOT, path), 'utf8')),
      ),
    ]
  : [];

describe('artifact names', () => {
  it('finds downloads to check', () => {
    const downloads = [...workflows.map((w) => w.flow), ...azure].flatMap((f) => f.downloads);
    expect(downloads.length).toBeGreaterThanOrEqual(workflows.length > 0 ? 2 : 1);
  });

  // One table for both providers: a workspace scaffolded for one provider has only its files.
  const checks = [
    ...workflows.map((workflow) => {
      const triggers = readTriggeringWorkflows(workflow.yaml);
      const otherRuns = workflows.filter((w) => triggers.includes(w.name)).map((w) => w.flow);
      return [workflow.flow.path, () => checkArtifactNames(workflow.flow, otherRuns)] as const;
    }),
    ...azure.map((flow) => [flow.path, () => checkArtifactNames(flow)] as const),
  ];

  it.each(checks)(
    '%s downloads only what a job it waits for (or its triggering workflow) uploaded',
    (_, check) => {
      expect(check()).toEqual([]);
    },
  );
});

describe('checkArtifactNames', () => {
  const github = (text: string): ArtifactFlow => readGithubArtifactFlow('w.yml', parse(text));
  const upload = (name: string) =>
    `      - uses: actions/upload-artifact@x\n        with:\n          name: ${name}\n          path: a\n`;
  const download = (name: string, extra = '') =>
    `      - uses: actions/download-artifact@x\n        with:\n          name: ${name}\n${extra}`;

  it.each([
    [
      'a misspelt name',
      `jobs:\n  a:\n    steps:\n${upload('model-bundle')}  b:\n    needs: a\n    steps:\n${download('model-bundel')}`,
      /job b downloads artifact `model-bundel`, but the jobs it waits for upload only model-bundle/,
    ],
    [
      'a job that does not wait for the upload',
      `jobs:\n  a:\n    steps:\n${upload('model-bundle')}  b:\n    steps:\n${download('model-bundle')}`,
      /no job it waits for uploads anything/,
    ],
  ])('reports %s', (_, text, expected) => {
    expect(checkArtifactNames(github(text)).join('\n')).toMatch(expected);
  });

  it('follows needs transitively and matches expressions in uploaded names', () => {
    const text = `jobs:\n  a:\n    steps:\n${upload('k6-${{ inputs.scenario }}')}  b:\n    needs: a\n    steps: []\n  c:\n    needs: [b]\n    steps:\n${download('k6-load')}`;
    expect(checkArtifactNames(github(text))).toEqual([]);
  });

  it('matches a download from another run against the triggering workflow', () => {
    const ci = github(`jobs:\n  model:\n    steps:\n${upload('model-bundle')}`);
    const cd = github(
      `jobs:\n  r:\n    steps:\n${download('model-bundles', '          run-id: 1\n')}`,
    );
    expect(checkArtifactNames(cd, [ci]).join('\n')).toMatch(
      /upload only model-bundle \(w.yml model\)/,
    );
    const ok = github(
      `jobs:\n  r:\n    steps:\n${download('model-bundle', '          run-id: 1\n')}`,
    );
    expect(checkArtifactNames(ok, [ci])).toEqual([]);
  });

  it('reads Azure stages: implicit dependsOn on the previous stage, tasks and templates', () => {
    const pipeline = {
      stages: [
        {
          stage: 'Train',
          jobs: [{ job: 't', steps: [{ publish: 'artifacts/bundle', artifact: 'model-bundle' }] }],
        },
        { stage: 'Image', jobs: [{ job: 'i', steps: [{ template: 'publish.yml' }] }] },
        {
          stage: 'Deploy',
          jobs: [
            {
              deployment: 'd',
              strategy: {
                runOnce: { deploy: { steps: [{ download: 'current', artifact: 'model-bundle' }] } },
              },
            },
          ],
        },
        {
          stage: 'Alone',
          dependsOn: [],
          jobs: [
            {
              job: 'a',
              steps: [{ task: 'DownloadPipelineArtifact@2', inputs: { artifact: 'image-report' } }],
            },
          ],
        },
      ],
    };
    const template = {
      steps: [{ task: 'PublishPipelineArtifact@1', inputs: { artifactName: 'image-report' } }],
    };
    const flow = readAzureArtifactFlow('p.yml', pipeline, () => template);
    expect(flow.uploads.map((u) => `${u.job}:${u.name}`)).toEqual([
      'Train:model-bundle',
      'Image:image-report',
    ]);
    expect(checkArtifactNames(flow)).toEqual([
      'p.yml: job Alone downloads artifact `image-report`, but no job it waits for uploads anything',
    ]);
  });
});
