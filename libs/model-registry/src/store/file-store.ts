import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  access,
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { RegistryUnreachableError } from '../registry-errors.js';
import type { ObjectInfo, RegistryStore, StoredObject, WriteConditions } from './registry-store.js';
import { StoreConflictError, StoreNotFoundError } from './registry-store.js';

const LOCK_STALE_MS = 30_000;
const TEMP_SUFFIX = /\.(tmp|lock)$/;

/**
 * A registry in a local folder. Creates are atomic through `link()` of a fully written temporary
 * file (fails with EEXIST, never exposes a partial file); replacements of a known version take a
 * lock file opened with `wx`, compare the content hash and rename a temporary file into place.
 */
export class FileStore implements RegistryStore {
  constructor(
    readonly url: string,
    readonly root: string,
  ) {}

  async probe(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.W_OK | constants.R_OK);
    } catch (error) {
      throw new RegistryUnreachableError(
        this.url,
        `${this.root} is not a writable folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        'Check the path in params.yaml `registry.url` or --registry.',
        { cause: error },
      );
    }
  }

  async read(key: string): Promise<StoredObject | null> {
    try {
      const data = await readFile(this.pathOf(key));
      return { data, etag: etagOf(data) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async write(
    key: string,
    data: Buffer | string,
    conditions: WriteConditions = {},
  ): Promise<string> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data, { flag: 'wx' });
    try {
      if (conditions.ifNoneMatch === '*') await linkExclusive(temp, path, key);
      else if (conditions.ifMatch !== undefined)
        await this.replaceLocked(temp, path, key, conditions.ifMatch);
      else await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
    return etagOf(Buffer.from(data));
  }

  async uploadFile(key: string, localPath: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(localPath, path);
  }

  async downloadFile(key: string, localPath: string): Promise<void> {
    try {
      await copyFile(this.pathOf(key), localPath);
    } catch (error) {
      if (isMissing(error)) throw new StoreNotFoundError(key);
      throw error;
    }
  }

  async listChildren(prefix: string): Promise<string[]> {
    try {
      const names = await readdir(this.pathOf(prefix));
      return names.filter((name) => !TEMP_SUFFIX.test(name)).sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const base = this.pathOf(prefix);
    let entries;
    try {
      entries = await readdir(base, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const infos: ObjectInfo[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || TEMP_SUFFIX.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      const stats = await stat(path);
      const key = relative(this.root, path).split(sep).join('/');
      infos.push({ key, size: stats.size, lastModified: stats.mtime });
    }
    return infos.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async removeAll(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  private pathOf(key: string): string {
    const parts = key.split('/').filter((part) => part !== '');
    if (parts.some((part) => part === '..' || part === '.'))
      throw new Error(`Invalid store key ${key}`);
    return join(this.root, ...parts);
  }

  private async replaceLocked(
    temp: string,
    path: string,
    key: string,
    etag: string,
  ): Promise<void> {
    const lock = `${path}.lock`;
    await acquireLock(lock);
    try {
      const current = await readFile(path).catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
      if (current === null || etagOf(current) !== etag) throw new StoreConflictError(key);
      await rename(temp, path);
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}

function etagOf(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function linkExclusive(temp: string, path: string, key: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new StoreConflictError(key);
    throw error;
  }
}

// A crashed writer leaves its lock behind; one older than LOCK_STALE_MS is taken over.
async function acquireLock(lock: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else await new Promise((done) => setTimeout(done, Math.min(5 + attempt * 5, 50)));
    }
  }
}
