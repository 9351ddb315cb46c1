// Every secret and variable the CI definitions read is documented in the README's CI/CD setup
// section, so a team that forks the workspace knows exactly what to create.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';
import { findAzureDeclaredVariables, findAzureVariables, findGithubNames } from './find-names.js';
import { readCiDefinitions } from './read-ci-definitions.js';

const readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
const section = /^## CI\/CD setup$([\s\S]*?)(?=^## )/m.exec(`${readme}\n## end`)?.[1] ?? '';
const definitions = readCiDefinitions();
const names = definitions.flatMap((definition) =>
  definition.system === 'github'
    ? findGithubNames(definition.text).map((name) => ({
        path: definition.path,
        name: name.split('.')[1] ?? '',
      }))
    : [
        ...findAzureVariables(definition.text),
        // Template parameters are not variables; the pipeline's own variables are documented.
        ...(definition.path === 'azure-pipelines.yml'
          ? findAzureDeclaredVariables(definition.text)
          : []),
      ].map((name) => ({ path: definition.path, name })),
);

describe('README CI/CD setup', () => {
  it('exists', () => {
    expect(section.length).toBeGreaterThan(500);
  });

  it.each(names.map(({ path, name }) => [name, path]))('documents `%s` (used in %s)', (name) => {
    expect(section).toContain(`\`${name}\``);
  });

  it.each([
    [
      '${{ secrets.ADMIN_TOKEN }} ${{ vars.ACR_NAME }} ${{ secrets.GITHUB_TOKEN }}',
      ['secrets.ADMIN_TOKEN', 'vars.ACR_NAME'],
    ],
  ])('finds the GitHub names in %s', (text, expected) => {
    expect(findGithubNames(text)).toEqual(expected);
  });

  it('finds Azure variables the file uses but does not define', () => {
    const text =
      'variables:\n  - name: A\n    value: x\nsteps:\n  - script: echo $(A) $(B) $(Build.SourceVersion)\n';
    expect(findAzureVariables(text)).toEqual(['B']);
  });
});
