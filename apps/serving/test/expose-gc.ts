import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Full collections to call before each heap reading, so the figures compare live objects only
 * (jest runs without --expose-gc; the flag is set at run time and `gc` read from a new context):
 * at least two, and more until the heap stops shrinking (at most five), so garbage other spec
 * files of the worker left behind is not freed between two readings.
 */
export function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    let last = process.memoryUsage().heapUsed;
    for (let round = 1; round < 5; round++) {
      gc();
      const used = process.memoryUsage().heapUsed;
      if (used >= last) return;
      last = used;
    }
  };
}
