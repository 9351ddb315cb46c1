import type {
  ObjectInfo,
  RegistryStore,
  StoredObject,
  WriteConditions,
} from '../store/registry-store.js';

/**
 * A real store whose writes to keys matching `failOn` run `fault` instead: by default they throw,
 * as a lost connection would between uploading a version's files and committing its manifest;
 * a fault that never settles holds the writer there, to be killed.
 */
export class FaultyStore implements RegistryStore {
  constructor(
    private readonly inner: RegistryStore,
    private readonly failOn: RegExp,
    private readonly fault: (key: string) => Promise<never> = async (key) => {
      throw new Error(`injected failure writing ${key}`);
    },
  ) {}
  get url(): string {
    return this.inner.url;
  }
  probe(): Promise<void> {
    return this.inner.probe();
  }
  read(key: string): Promise<StoredObject | null> {
    return this.inner.read(key);
  }
  async write(key: string, data: Buffer | string, conditions?: WriteConditions): Promise<string> {
    if (this.failOn.test(key)) return this.fault(key);
    return this.inner.write(key, data, conditions);
  }
  uploadFile(key: string, localPath: string): Promise<void> {
    return this.inner.uploadFile(key, localPath);
  }
  downloadFile(key: string, localPath: string): Promise<void> {
    return this.inner.downloadFile(key, localPath);
  }
  listChildren(prefix: string): Promise<string[]> {
    return this.inner.listChildren(prefix);
  }
  list(prefix: string): Promise<ObjectInfo[]> {
    return this.inner.list(prefix);
  }
  removeAll(prefix: string): Promise<void> {
    return this.inner.removeAll(prefix);
  }
}
