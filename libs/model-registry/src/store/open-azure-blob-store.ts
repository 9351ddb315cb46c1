import { BlobServiceClient } from '@azure/storage-blob';
import { InvalidRegistryUrlError } from '../registry-errors.js';
import { AzureBlobStore } from './azure-blob-store.js';
import type { OpenStoreOptions } from './open-store-options.js';
import type { RegistryStore } from './registry-store.js';

const ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

// Fail within seconds when the endpoint is down, instead of the SDK's default minute of retries.
const RETRY_OPTIONS = {
  maxTries: 3,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 2_000,
  tryTimeoutInMs: 60_000,
};

/** `azblob://<account>/<container>[/prefix]`, authenticated by connection string or DefaultAzureCredential. */
export async function openAzureBlobStore(
  url: string,
  rest: string,
  options: OpenStoreOptions,
): Promise<RegistryStore> {
  const match = /^\/\/([^/]*)\/([^/]*)(?:\/(.*))?$/.exec(rest);
  if (!match)
    throw new InvalidRegistryUrlError(url, 'expected azblob://<account>/<container>[/prefix]');
  const [, account = '', container = '', prefix = ''] = match;
  if (!ACCOUNT.test(account)) {
    throw new InvalidRegistryUrlError(
      url,
      `${JSON.stringify(account)} is not a storage account name (3-24 lowercase letters and digits)`,
    );
  }
  if (!CONTAINER.test(container)) {
    throw new InvalidRegistryUrlError(
      url,
      `${JSON.stringify(container)} is not a container name (3-63 lowercase letters, digits and single hyphens)`,
    );
  }
  const connectionString =
    options.azureConnectionString ?? process.env['AZURE_STORAGE_CONNECTION_STRING'];
  const service = connectionString
    ? serviceFromConnectionString(url, account, connectionString)
    : await serviceFromDefaultCredential(account);
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  return new AzureBlobStore(
    url,
    service.getContainerClient(container),
    cleanPrefix ? `${cleanPrefix}/` : '',
  );
}

// @azure/identity takes seconds to load; only keyless access needs it.
async function serviceFromDefaultCredential(account: string): Promise<BlobServiceClient> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new BlobServiceClient(
    `https://${account}.blob.core.windows.net`,
    new DefaultAzureCredential(),
    {
      retryOptions: RETRY_OPTIONS,
    },
  );
}

function serviceFromConnectionString(
  url: string,
  account: string,
  connectionString: string,
): BlobServiceClient {
  const named = /(?:^|;)AccountName=([^;]+)/i.exec(connectionString)?.[1];
  if (named !== undefined && named !== account) {
    throw new InvalidRegistryUrlError(
      url,
      `the URL names account ${account} but AZURE_STORAGE_CONNECTION_STRING is for ${named}`,
    );
  }
  try {
    return BlobServiceClient.fromConnectionString(connectionString, {
      retryOptions: RETRY_OPTIONS,
    });
  } catch (error) {
    throw new InvalidRegistryUrlError(
      url,
      `the connection string cannot be parsed (${(error as Error).message})`,
    );
  }
}
