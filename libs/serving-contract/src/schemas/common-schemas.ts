import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';

/** Every error answer: `{"error": "..."}` naming the field and the reason. */
export const ErrorBody = Type.Object({ error: Type.String() });
export type ErrorBody = Static<typeof ErrorBody>;

/** A model version by name and version (as a string: `unregistered` for a bare bundle). */
export const ModelRef = Type.Object({ name: Type.String(), version: Type.String() });
export type ModelRef = Static<typeof ModelRef>;

/** A free-form status object (health, metadata extensions). */
export const StatusBody = Type.Object({}, { additionalProperties: true });
