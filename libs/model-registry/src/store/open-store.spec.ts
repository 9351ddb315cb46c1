import { openRegistry } from '../model-registry.js';
import { RegistryError } from '../registry-errors.js';
import { azuriteConnectionString, findFreePort } from '../testing/start-azurite.js';
import { FileStore } from './file-store.js';
import { openStore } from './open-store.js';

const root = '/work/space';

test.each([
  ['file:.modelship/registry', '/work/space/.modelship/registry'],
  ['file:/srv/models', '/srv/models'],
  ['file:///srv/models', '/srv/models'],
])('%s is a folder store at %s', async (url, path) => {
  const store = await openStore(url, { root });
  expect(store).toBeInstanceOf(FileStore);
  expect((store as FileStore).root).toBe(path);
});

test('an azblob URL opens the named container, with or without a prefix', async () => {
  const connection = azuriteConnectionString(1);
  for (const url of [
    'azblob://devstoreaccount1/models',
    'azblob://devstoreaccount1/models/team/a/',
  ]) {
    expect((await openStore(url, { root, azureConnectionString: connection })).url).toBe(url);
  }
});

test('registry URLs that cannot be parsed are refused with the reason and the accepted forms', async () => {
  const urls = [
    'models',
    's3://bucket/models',
    'file:',
    'azblob://Bad_Account/models',
    'azblob://devstoreaccount1/M',
    'azblob://devstoreaccount1',
    'azblob://otheraccount/models',
  ];
  const messages: string[] = [];
  for (const url of urls) {
    try {
      await openStore(url, { root, azureConnectionString: azuriteConnectionString(1) });
      messages.push(`${url} was accepted`);
    } catch (error) {
      expect(error).toBeInstanceOf(RegistryError);
      messages.push(
        `${(error as RegistryError).code} ${(error as RegistryError).exitCode}: ${(error as Error).message}`,
      );
    }
  }
  expect(messages).toMatchInlineSnapshot(`
    [
      "E_REGISTRY_URL 2: Cannot use registry URL "models": it has no scheme. Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "s3://bucket/models": the scheme "s3:" is not supported (supported: file:, azblob:). Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "file:": the path is empty. Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "azblob://Bad_Account/models": "Bad_Account" is not a storage account name (3-24 lowercase letters and digits). Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "azblob://devstoreaccount1/M": "M" is not a container name (3-63 lowercase letters, digits and single hyphens). Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "azblob://devstoreaccount1": expected azblob://<account>/<container>[/prefix]. Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
      "E_REGISTRY_URL 2: Cannot use registry URL "azblob://otheraccount/models": the URL names account otheraccount but AZURE_STORAGE_CONNECTION_STRING is for devstoreaccount1. Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].",
    ]
  `);
});

test.each([
  ['an Azure endpoint nobody listens on', async () => `azblob://devstoreaccount1/models`],
  ['a folder below a file', async () => 'file:/dev/null/registry'],
])('a registry at %s is reported unreachable with exit code 4', async (_case, makeUrl) => {
  const port = await findFreePort();
  const error = await openRegistry(await makeUrl(), {
    root,
    azureConnectionString: azuriteConnectionString(port),
  }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RegistryError);
  expect({
    code: (error as RegistryError).code,
    exitCode: (error as RegistryError).exitCode,
  }).toEqual({
    code: 'E_REGISTRY_UNREACHABLE',
    exitCode: 4,
  });
  expect((error as Error).message.replace(/:\d{4,5}\b/, ':<port>')).toMatch(
    /^Registry \S+ cannot be reached: /,
  );
});
