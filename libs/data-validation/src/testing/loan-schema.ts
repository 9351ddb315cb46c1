import type { DatasetSchema } from '../schema/dataset-schema.js';

// A dataset schema shaped nothing like the churn sample, for the tests of every project that
// reads schemas: other names and types, a yes/no target called `defaulted`, Y/N booleans, an id
// and an ignored column. `LOAN_PURPOSES` are the categories a generator draws; `yacht` is a rare one.
export const LOAN_PURPOSES = ['car', 'home', 'education', 'business', 'holiday'] as const;

export const LOAN_SCHEMA: DatasetSchema = {
  schemaVersion: 1,
  name: 'loans',
  target: { column: 'defaulted', kind: 'binary', positive: 'yes' },
  columns: [
    { name: 'application_ref', type: 'string', role: 'id' },
    { name: 'income_k', type: 'number', role: 'feature' },
    { name: 'loan_amount', type: 'number', role: 'feature' },
    { name: 'term', type: 'categorical', role: 'feature', categories: ['36m', '60m'] },
    {
      name: 'purpose',
      type: 'categorical',
      role: 'feature',
      categories: [...LOAN_PURPOSES, 'yacht'],
    },
    { name: 'years_employed', type: 'integer', role: 'feature' },
    { name: 'owns_home', type: 'boolean', role: 'feature' },
    { name: 'branch_note', type: 'string', role: 'ignore' },
    { name: 'defaulted', type: 'categorical', role: 'target', categories: ['yes', 'no'] },
  ],
  booleanValues: { true: ['Y'], false: ['N'] },
};
