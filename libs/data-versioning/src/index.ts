export { commitDvcOut } from './commit-dvc-out.js';
export type { DvcFile, DvcOut } from './dvc-file.js';
export { formatDvcFile, parseDvcFile, readDvcFile, writeDvcFile } from './dvc-file.js';
export type { IgnoreRule } from './dvcignore.js';
export { findDvcRoot, isIgnored, loadDvcIgnore, parseDvcIgnore } from './dvcignore.js';
export type { DirectoryChanges } from './errors.js';
export {
  DataMissingError,
  DataVersionMismatchError,
  DataVersioningError,
  DvcCommandError,
  DvcFileError,
  DvcNotInstalledError,
} from './errors.js';
export type { DirectoryHash, HashDirectoryOptions, TreeEntry } from './hash-directory.js';
export { digestTree, hashDirectory } from './hash-directory.js';
export type { FileHash } from './hash-file.js';
export { hashFile } from './hash-file.js';
export type { DvcResult, RunDvcOptions } from './run-dvc.js';
export { runDvc } from './run-dvc.js';
export type { DataVersion, DvcOutCheck } from './verify-dvc-out.js';
export { checkDvcOut, verifyDvcOut } from './verify-dvc-out.js';
