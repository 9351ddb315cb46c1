import { deriveAzureNames, toPackageName } from './derive-names.js';
import {
  validateContainerRegistryName,
  validateNpmName,
  validateResourceGroupName,
  validateStorageAccountName,
  validateWebAppName,
} from './validate-names.js';

describe('toPackageName', () => {
  it.each([
    ['my-app', 'my-app'],
    ['My App', 'my-app'],
    ['  __Churn Model!! ', 'churn-model'],
    ['...', 'modelship-app'],
  ])('%j -> %j', (folder, name) => {
    expect(toPackageName(folder)).toBe(name);
    expect(validateNpmName(toPackageName(folder))).toBeUndefined();
  });
});

describe('deriveAzureNames', () => {
  it('derives conventional names from the project name', () => {
    expect(deriveAzureNames('my-app')).toEqual({
      resourceGroup: 'rg-my-app',
      webApp: 'app-my-app',
      containerRegistry: 'acrmyapp',
      storageAccount: 'stmyapp',
    });
  });

  it.each(['a', 'x.y', 'my_app', 'a'.repeat(214), 'churn-model-2024.v2', '0-0'])(
    'gives names Azure accepts for %j',
    (name) => {
      const names = deriveAzureNames(name);
      expect([
        validateResourceGroupName(names.resourceGroup),
        validateWebAppName(names.webApp),
        validateContainerRegistryName(names.containerRegistry),
        validateStorageAccountName(names.storageAccount),
      ]).toEqual([undefined, undefined, undefined, undefined]);
    },
  );
});
