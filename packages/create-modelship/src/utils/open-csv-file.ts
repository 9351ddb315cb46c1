import { openSync } from 'node:fs';
import { ScaffoldError } from './scaffold-error.js';

/**
 * Opens the user's CSV for reading (the caller closes the descriptor).
 * @throws ScaffoldError `E_DATASET` naming the file and why it cannot be read
 */
export function openCsvFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new ScaffoldError(
      'E_DATASET',
      `Cannot read the CSV ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; pass --data with the path of a readable CSV file.`,
      { cause: error },
    );
  }
}
