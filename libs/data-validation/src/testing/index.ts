export { LOAN_PURPOSES, LOAN_SCHEMA } from './loan-schema.js';
export {
  LISTING_SCHEMA,
  TICKET_SCHEMA,
  writeTaskDataset,
  type TaskDataset,
} from './write-task-dataset.js';
