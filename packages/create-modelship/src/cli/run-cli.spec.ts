import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext } from '../../test/test-context.js';
import { isInteractive, runCli } from './run-cli.js';

let test: ReturnType<typeof createTestContext>;
beforeEach(() => {
  test = createTestContext({});
  // Two values in each column a spec takes as the target: a one-valued target is refused.
  writeFileSync(
    join(test.cwd, 'sales.csv'),
    'id,region,amount,bought\n1,eu,3.5,yes\n2,us,4,no\n3,eu,3.5,no\n',
  );
});
afterEach(() => test.cleanup());

const run = (...argv: string[]) => runCli(argv, test.context);

describe('runCli without a terminal', () => {
  it('takes every default from the folder name', async () => {
    const options = await run('My App');
    expect({ ...options, directory: options.directory.replace(test.cwd, '<cwd>') }).toEqual({
      directory: '<cwd>/My App',
      name: 'my-app',
      scope: 'my-app',
      ci: 'both',
      registry: 'file',
      resourceGroup: 'rg-my-app',
      webApp: 'app-my-app',
      containerRegistry: 'acrmyapp',
      storageAccount: 'stmyapp',
      data: undefined,
      target: undefined,
      model: 'mlp',
      install: true,
      git: true,
    });
  });

  it.each<[string[], Record<string, unknown>]>([
    [['app', '--name', 'churn'], { name: 'churn', scope: 'churn', webApp: 'app-churn' }],
    [['app', '--scope', '@acme'], { name: 'app', scope: 'acme' }],
    [['app', '--ci', 'azure', '--registry', 'azblob'], { ci: 'azure', registry: 'azblob' }],
    [
      ['app', '--storage-account', 'stacme1'],
      { storageAccount: 'stacme1', containerRegistry: 'acrapp' },
    ],
    [
      ['app', '--resource-group', 'rg-x', '--web-app', 'web-x', '--container-registry', 'acrx1'],
      { resourceGroup: 'rg-x', webApp: 'web-x', containerRegistry: 'acrx1' },
    ],
    [['app', '--no-install', '--no-git'], { install: false, git: false }],
    [['app', '--install', '--git'], { install: true, git: true }],
    [['--directory', 'app2', '-y'], { name: 'app2' }],
    [['app', '--data', 'sales.csv', '--target', 'bought'], { target: 'bought' }],
    [['app', '--model', 'gbdt'], { model: 'gbdt' }],
  ])('%j sets %j', async (argv, expected) => {
    expect(await run(...argv)).toMatchObject(expected);
  });

  it('resolves --data against the working folder', async () => {
    const options = await run('app', '--data', 'sales.csv', '--target', 'amount');
    expect(options.data).toBe(join(test.cwd, 'sales.csv'));
  });

  const invalidRuns: Array<[string, string[]]> = [
    ['an invalid name', ['app', '--name', 'My App']],
    ['an invalid scope', ['app', '--scope', 'Acme Corp']],
    ['an unknown CI provider', ['app', '--ci', 'jenkins']],
    ['an unknown registry store', ['app', '--registry', 's3']],
    ['an unknown model family', ['app', '--model', 'xgboost']],
    ['a long storage account', ['app', '--storage-account', 'stmyveryveryverylongaccount']],
    ['a storage account with hyphens', ['app', '--storage-account', 'st-my-app']],
    ['a short container registry', ['app', '--container-registry', 'acr']],
    ['a web app ending in a hyphen', ['app', '--web-app', 'app-']],
    ['a resource group with a slash', ['app', '--resource-group', 'rg/app']],
    ['a missing CSV', ['app', '--data', 'nope.csv', '--target', 'x']],
    ['--data without --target', ['app', '--data', 'sales.csv']],
    ['a target that is not a column', ['app', '--data', 'sales.csv', '--target', 'churned']],
    ['--target without --data', ['app', '--target', 'churned']],
    ['an unknown flag', ['app', '--colour', 'red']],
    ['two folders', ['app', 'other']],
  ];

  it('rejects invalid options with one line naming the flag, the value and the rule', async () => {
    const messages: Record<string, string> = {};
    for (const [name, argv] of invalidRuns) {
      const error = await run(...argv).then(
        () => new Error('accepted'),
        (caught: Error) => caught,
      );
      messages[name] = error.message.replaceAll(test.cwd, '<cwd>');
    }
    expect(messages).toMatchInlineSnapshot(`
      {
        "--data without --target": "Missing --target: the column to predict is required with --data (columns: id, region, amount, bought).",
        "--target without --data": "Invalid --target "churned": it needs --data <csv>.",
        "a long storage account": "Invalid --storage-account "stmyveryveryverylongaccount": an Azure storage account name has 3-24 characters: lowercase letters and digits only (got 27).",
        "a missing CSV": "Invalid --data "<cwd>/nope.csv": <cwd>/nope.csv does not exist; give the path of your CSV file.",
        "a resource group with a slash": "Invalid --resource-group "rg/app": an Azure resource group name has 1-90 characters: letters, digits, "_", "-", "." and parentheses, not ending with "." (found "/").",
        "a short container registry": "Invalid --container-registry "acr": an Azure container registry name has 5-50 characters: letters and digits only (got 3).",
        "a storage account with hyphens": "Invalid --storage-account "st-my-app": an Azure storage account name has 3-24 characters: lowercase letters and digits only (found "-").",
        "a target that is not a column": "Invalid --target "churned": sales.csv has no such column (columns: id, region, amount, bought).",
        "a web app ending in a hyphen": "Invalid --web-app "app-": an Azure web app name cannot start or end with a hyphen.",
        "an invalid name": "Invalid --name "My App": an npm package name must be lowercase.",
        "an invalid scope": "Invalid --scope "Acme Corp": an npm package name must be lowercase.",
        "an unknown CI provider": "Invalid --ci "jenkins": choose one of github, azure, both, none.",
        "an unknown flag": "Unknown option '--colour'. Run \`create-modelship --help\` for the options.",
        "an unknown model family": "Invalid --model "xgboost": choose one of mlp, gbdt, linear, auto.",
        "an unknown registry store": "Invalid --registry "s3": choose one of file, azblob.",
        "two folders": "Expected one folder, got 2: app other. Run \`create-modelship --help\` for the options.",
      }
    `);
  });

  it('refuses a folder that is not empty, before creating anything', async () => {
    mkdirSync(join(test.cwd, 'taken'));
    writeFileSync(join(test.cwd, 'taken', 'notes.txt'), 'mine');
    await expect(run('taken')).rejects.toThrow(/not empty \(1 entries\).*never overwrites/);
  });
});

describe('isInteractive', () => {
  it.each([
    [false, true, {}, true],
    [true, true, {}, false],
    [false, false, {}, false],
    [false, true, { CI: 'true' }, false],
    [false, true, { CI: '1' }, false],
    [false, true, { CI: 'false' }, true],
  ])('--yes=%s, tty=%s, env=%j -> %s', (yes, tty, env, expected) => {
    expect(isInteractive(yes, { ...test.context, stdinIsTTY: tty, env })).toBe(expected);
  });
});
