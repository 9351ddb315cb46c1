import { join } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import { editParams } from '../utils/params-file.js';
import type { Installer } from './installer.js';

export function useModelType(root: string, options: ProjectOptions): void {
  editParams(join(root, 'params.yaml'), [[['model', 'type'], options.model]]);
}

/** Sets params.yaml `model.type` to the family chosen (`--model`), when it is not the network. */
export const modelType: Installer = {
  name: 'model family',
  inUse: (options) => options.model !== 'mlp',
  installer: useModelType,
};
