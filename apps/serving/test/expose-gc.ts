import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full collection to call before each heap reading, so the figures compare live objects only
 * (jest runs without --expose-gc; the flag is set at run time and `gc` read from a new context).
 */
export function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}
