import type { ContainerClient } from '@azure/storage-blob';
import { RestError } from '@azure/storage-blob';
import { RegistryUnreachableError } from '../registry-errors.js';
import type { ObjectInfo, RegistryStore, StoredObject, WriteConditions } from './registry-store.js';
import { StoreConflictError, StoreNotFoundError } from './registry-store.js';

/**
 * A registry in an Azure Blob Storage container (or Azurite). Creates use `ifNoneMatch: '*'` and
 * replacements `ifMatch: <etag>`, so the service itself arbitrates between concurrent writers.
 */
export class AzureBlobStore implements RegistryStore {
  constructor(
    readonly url: string,
    private readonly container: ContainerClient,
    private readonly prefix: string,
  ) {}

  async probe(): Promise<void> {
    await this.call(() => this.container.createIfNotExists());
  }

  async read(key: string): Promise<StoredObject | null> {
    const blob = this.container.getBlockBlobClient(this.keyOf(key));
    try {
      // One GET: the etag in the response belongs to exactly these bytes.
      const response = await this.call(() => blob.download());
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
      return { data: Buffer.concat(chunks), etag: response.etag ?? '' };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async write(
    key: string,
    data: Buffer | string,
    conditions: WriteConditions = {},
  ): Promise<string> {
    const blob = this.container.getBlockBlobClient(this.keyOf(key));
    const body = Buffer.from(data);
    try {
      const response = await this.call(() =>
        blob.upload(body, body.length, {
          conditions: { ifNoneMatch: conditions.ifNoneMatch, ifMatch: conditions.ifMatch },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
      return response.etag ?? '';
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
        throw new StoreConflictError(key);
      }
      if (conditions.ifMatch !== undefined && isNotFound(error)) throw new StoreConflictError(key);
      throw error;
    }
  }

  async uploadFile(key: string, localPath: string): Promise<void> {
    const blob = this.container.getBlockBlobClient(this.keyOf(key));
    await this.call(() => blob.uploadFile(localPath));
  }

  async downloadFile(key: string, localPath: string): Promise<void> {
    const blob = this.container.getBlockBlobClient(this.keyOf(key));
    try {
      await this.call(() => blob.downloadToFile(localPath));
    } catch (error) {
      if (isNotFound(error)) throw new StoreNotFoundError(key);
      throw error;
    }
  }

  async listChildren(prefix: string): Promise<string[]> {
    const full = this.keyOf(prefix);
    const names: string[] = [];
    await this.call(async () => {
      for await (const item of this.container.listBlobsByHierarchy('/', { prefix: full })) {
        names.push(item.name.slice(full.length).replace(/\/$/, ''));
      }
    }).catch(ignoreNotFound);
    return names.sort();
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const full = this.keyOf(prefix);
    const infos: ObjectInfo[] = [];
    await this.call(async () => {
      for await (const blob of this.container.listBlobsFlat({ prefix: full })) {
        infos.push({
          key: blob.name.slice(this.prefix.length),
          size: blob.properties.contentLength ?? 0,
          lastModified: blob.properties.lastModified,
        });
      }
    }).catch(ignoreNotFound);
    return infos;
  }

  async removeAll(prefix: string): Promise<void> {
    for (const info of await this.list(prefix)) {
      await this.call(() =>
        this.container.getBlockBlobClient(this.keyOf(info.key)).deleteIfExists(),
      );
    }
  }

  private keyOf(key: string): string {
    return `${this.prefix}${key}`;
  }

  // Network failures and refused credentials become RegistryUnreachableError.
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toUnreachable(this.url, error);
    }
  }
}

// A container that does not exist yet reads as an empty registry.
function ignoreNotFound(error: unknown): void {
  if (!isNotFound(error)) throw error;
}

function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404;
}

function toUnreachable(url: string, error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as RestError).statusCode;
  if (status === 401 || status === 403) {
    return new RegistryUnreachableError(
      url,
      `access denied (${status} ${(error as RestError).code ?? ''})`.trim(),
      'Check AZURE_STORAGE_CONNECTION_STRING, or grant your identity the Storage Blob Data Contributor role.',
      { cause: error },
    );
  }
  if (status === undefined && error.name !== 'StoreConflictError') {
    const credential =
      error.name === 'CredentialUnavailableError' || error.name === 'AggregateAuthenticationError';
    return new RegistryUnreachableError(
      url,
      credential
        ? 'no Azure credential is available'
        : (error.message.split('\n')[0] ?? 'network error'),
      credential
        ? 'Set AZURE_STORAGE_CONNECTION_STRING, or sign in with `az login` (DefaultAzureCredential).'
        : 'Check the account name, your network, and AZURE_STORAGE_CONNECTION_STRING.',
      { cause: error },
    );
  }
  return error;
}
