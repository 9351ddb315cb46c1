import { NotFoundError, NotReadyError } from '../http/serving-error.js';
import { clipText } from '../input/describe-json-value.js';
import type { RoutedRequest } from '../models/model-slots.js';
import type { ModelVersion } from '../models/model-version.js';
import { selectModel } from '../models/select-model.js';
import type { ServingContext } from '../serving-context.js';

/**
 * The loaded version a V2 path names: `/v2/models/{model}` routes like /predict does;
 * `/versions/{version}` pins that version. 404 for a name or version not loaded here.
 */
export function findV2Model(
  ctx: ServingContext,
  req: RoutedRequest & { params: object },
): ModelVersion {
  const { model: name, version } = req.params as { model: string; version?: string };
  const loaded = ctx.slots.all();
  if (loaded.length === 0) throw new NotReadyError();
  const byName = ctx.slots.find(name);
  if (byName.length === 0) {
    throw new NotFoundError(
      `Model \`${clipText(name)}\` is not served here; served: ${[...new Set(loaded.map((m) => m.key.name))].join(', ')}.`,
    );
  }
  if (version === undefined) {
    const routed = selectModel(ctx.slots, req);
    return routed.key.name === name ? routed : byName[0];
  }
  const pinned = byName.find((model) => model.key.version === version);
  if (!pinned) {
    throw new NotFoundError(
      `Model \`${name}\` has no loaded version \`${clipText(version)}\`; loaded: ${byName.map((m) => m.key.version).join(', ')}.`,
    );
  }
  return pinned;
}
