import {
  validateContainerRegistryName,
  validateNpmName,
  validateResourceGroupName,
  validateStorageAccountName,
  validateWebAppName,
} from './validate-names.js';
import type { NameValidator } from './validate-names.js';

describe.each<[string, NameValidator, string[], string[]]>([
  [
    'npm name',
    validateNpmName,
    ['my-app', 'a', 'app.v2', 'x_y', 'a'.repeat(214)],
    ['', 'My-App', '.app', '_app', 'a b', 'app!', 'http', 'node_modules', 'a'.repeat(215), 'café'],
  ],
  [
    'storage account',
    validateStorageAccountName,
    ['abc', 'stmyapp', 'a1'.repeat(12)],
    ['ab', 'a'.repeat(25), 'st-my-app', 'StMyApp'],
  ],
  [
    'container registry',
    validateContainerRegistryName,
    ['acrmy', 'AcrMyApp', 'a'.repeat(50)],
    ['acr1', 'a'.repeat(51), 'acr-my-app'],
  ],
  [
    'web app',
    validateWebAppName,
    ['ab', 'app-my-app', 'a'.repeat(60)],
    ['a', 'a'.repeat(61), '-app', 'app-', 'app_1'],
  ],
  [
    'resource group',
    validateResourceGroupName,
    ['r', 'rg-my_app.(1)', 'a'.repeat(90)],
    ['', 'a'.repeat(91), 'rg.', 'rg my app', 'rg/app'],
  ],
])('%s', (_kind, validate, valid, invalid) => {
  it.each(valid)('accepts %j', (value) => {
    expect(validate(value)).toBeUndefined();
  });
  it.each(invalid)('rejects %j', (value) => {
    expect(validate(value)).toEqual(expect.any(String));
  });
});

describe('rule texts', () => {
  it('say what is wrong and what is allowed', () => {
    expect([
      validateNpmName('My-App'),
      validateNpmName('a b'),
      validateNpmName('fs'),
      validateStorageAccountName('st-my-app'),
      validateStorageAccountName('a'.repeat(25)),
      validateContainerRegistryName('acr1'),
      validateWebAppName('app-'),
      validateResourceGroupName('rg.'),
    ]).toMatchInlineSnapshot(`
      [
        "an npm package name must be lowercase",
        "an npm package name must be URL-safe: lowercase letters, digits, "-", "." and "_" (found " ")",
        ""fs" is a reserved or Node.js built-in module name",
        "an Azure storage account name has 3-24 characters: lowercase letters and digits only (found "-")",
        "an Azure storage account name has 3-24 characters: lowercase letters and digits only (got 25)",
        "an Azure container registry name has 5-50 characters: letters and digits only (got 4)",
        "an Azure web app name cannot start or end with a hyphen",
        "an Azure resource group name cannot end with "."",
      ]
    `);
  });
});
