import type { ColumnTransform } from '@modelship/features';

/** What a raw input column holds, whichever kind of model (trained or imported) reads it. */
export type ColumnValueKind = 'number' | 'boolean' | 'text';

/** The kind of value a feature spec column reads from a request. */
export function readColumnValueKind(transform: ColumnTransform): ColumnValueKind {
  switch (transform.kind) {
    case 'numeric':
      return 'number';
    case 'raw-number':
      return transform.boolean ? 'boolean' : 'number';
    case 'boolean':
      return 'boolean';
    case 'categorical':
    case 'raw-string':
      return 'text';
  }
}

/** The categories a text column knows from training (or an imported model's sample); else none. */
export function listKnownCategories(transform: ColumnTransform): readonly string[] {
  return transform.kind === 'categorical' || transform.kind === 'raw-string'
    ? transform.vocabulary
    : [];
}
