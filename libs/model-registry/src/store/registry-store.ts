import { ModelshipError } from '@modelship/core';
/** Conditions of a write: create only (`ifNoneMatch: '*'`) or replace only a known version (`ifMatch`). */
export interface WriteConditions {
  ifNoneMatch?: '*';
  ifMatch?: string;
}

export interface StoredObject {
  data: Buffer;
  /** Opaque version tag of the object, for a later conditional write. */
  etag: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
}

/**
 * What the registry needs from a storage backend: a flat key space of immutable-ish objects with
 * conditional writes. Keys are POSIX paths relative to the store's root ("models/churn/state.json").
 * A store never interprets the objects; the registry logic lives above it, shared by every store.
 */
export interface RegistryStore {
  /** The URL the store was opened with, for messages. */
  readonly url: string;
  /** Fails with RegistryUnreachableError when the store cannot be read and written. */
  probe(): Promise<void>;
  read(key: string): Promise<StoredObject | null>;
  /** Writes an object; throws StoreConflictError when a condition does not hold. Returns the new etag. */
  write(key: string, data: Buffer | string, conditions?: WriteConditions): Promise<string>;
  uploadFile(key: string, localPath: string): Promise<void>;
  /** Downloads an object to a local file; throws StoreNotFoundError when it does not exist. */
  downloadFile(key: string, localPath: string): Promise<void>;
  /** Names of the immediate children under a prefix ending in "/" (folders and objects alike). */
  listChildren(prefix: string): Promise<string[]>;
  /** Every object under a prefix, recursively. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** Removes every object under a prefix (or the one object named by it). */
  removeAll(prefix: string): Promise<void>;
}

/** A conditional write lost a race; the registry re-reads and retries. */
export class StoreConflictError extends ModelshipError {
  override readonly code = 'E_STORE_CONFLICT';
  constructor(readonly key: string) {
    super(`${key} was changed by another writer`);
  }
}

export class StoreNotFoundError extends ModelshipError {
  override readonly code = 'E_STORE_NOT_FOUND';
  constructor(readonly key: string) {
    super(`${key} does not exist in the store`);
  }
}
