import { defineCommand } from 'citty';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { createStepContext } from '../steps/step-context.js';
import { DEFAULT_PATHS } from '@modelship/params';
import { trainModel } from '../steps/train-model.js';
import { exitOnExpectedError } from './_exit-on-error.js';

export default defineCommand({
  meta: {
    name: 'train',
    description:
      'Fit the feature spec and train the model params.yaml model.type names (mlp, gbdt, linear or auto); write model.onnx (and tfjs/ for the network) and the feature spec into the bundle folder.',
  },
  args: {
    bundle: {
      type: 'string',
      description: `Folder for the bundle's files, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
      default: DEFAULT_PATHS.bundle,
    },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const { bundleDir } = await trainModel(ctx, { bundleDir: args.bundle });
      await finalizeModelBundle(ctx, bundleDir);
      ctx.log(`next: npx modelship evaluate --bundle ${args.bundle} (bundle at ${bundleDir})`);
    } catch (error) {
      exitOnExpectedError('train', error);
    }
  },
});
