export { LOAN_PURPOSES, LOAN_SCHEMA } from './loan-schema.js';
