export { LOAN_PURPOSES, LOAN_SCHEMA } from './loan-schema.js';
export type { TaskDataset } from './write-task-dataset.js';
export { LISTING_SCHEMA, TASK_DATASETS, TICKET_SCHEMA, writeTaskDataset } from './write-task-dataset.js';
