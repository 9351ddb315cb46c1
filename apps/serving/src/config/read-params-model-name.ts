import { readParamsSection } from '@modelship/params';

/** params.yaml `model.name` in the workspace root, or null when there is none (an image). */
export function readParamsModelName(root: string): string | null {
  const name = readParamsSection(root, 'model')?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
