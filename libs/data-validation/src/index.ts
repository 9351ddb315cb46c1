export * from './schema/dataset-schema.js';
export type { CsvErrorCode, CsvErrorDetails } from './csv/csv-error.js';
export { CsvError, isCsvError } from './csv/csv-error.js';
export type { LocatedDataErrorDetails } from './csv/located-data-error.js';
export { LocatedDataError } from './csv/located-data-error.js';
export type { CsvBatch, CsvStreamOptions } from './csv/stream-csv-batches.js';
export { readCsvHeader, streamCsvBatches } from './csv/stream-csv-batches.js';
export type { CsvRecord } from './csv/stream-csv-rows.js';
export { streamCsvRows } from './csv/stream-csv-rows.js';
export type { CellParser, CellValue } from './schema/cell-parsers.js';
export {
  createCellParser,
  INVALID,
  parseDatetime,
  parseInteger,
  parseNumber,
} from './schema/cell-parsers.js';
export { checkSchema } from './schema/check-schema.js';
export { loadSchema } from './schema/load-schema.js';
export { withTargetColumn } from './schema/with-target-column.js';
export { formatClasses, resolvePositiveClass } from './schema/resolve-positive-class.js';
export {
  DEFAULT_BOOLEAN_VALUES,
  DEFAULT_MISSING_VALUES,
  getBooleanValues,
  getMissingValues,
} from './schema/schema-defaults.js';
export type { SchemaIssue } from './schema/schema-error.js';
export { SchemaError } from './schema/schema-error.js';
export { formatSchema, writeSchema } from './schema/write-schema.js';
export { InferError } from './infer/infer-error.js';
export type { InferredSchema, InferSchemaOptions } from './infer/infer-schema.js';
export { inferSchema, inferSchemaAndTask } from './infer/infer-schema.js';
export type { ProposeTaskOptions, TargetSummary, TaskProposal } from './infer/propose-task.js';
export { DEFAULT_MAX_CLASSES, proposeTask } from './infer/propose-task.js';
export { getTargetKind, getTargetTask } from './schema/target-task.js';
export { CompactHashSet } from './validate/compact-hash-set.js';
export { validationRules } from './validate/rules/index.js';
export type {
  ColumnCounts,
  RuleCheck,
  RuleContext,
  ValidationRule,
} from './validate/rules/validation-rule.js';
export type { ValidateOptions } from './validate/validate-dataset.js';
export { validateDataset } from './validate/validate-dataset.js';
export type {
  CheckResult,
  OffendingValue,
  ValidationReport,
} from './validate/validation-report.js';
export { VALIDATION_REPORT_VERSION } from './validate/validation-report.js';
export { renderValidationMarkdown } from './report/render-validation-markdown.js';
export { writeValidationReport } from './report/write-validation-report.js';
export type { ReferenceStatsOptions } from './drift/compute-reference-stats.js';
export { computeReferenceStats, selectDriftFeatures } from './drift/compute-reference-stats.js';
export {
  computePredictionReference,
  PREDICTION_REFERENCE_NAME,
} from './drift/compute-prediction-reference.js';
export type { DriftReport, DriftStatus, FeatureDrift } from './drift/compute-drift.js';
export { computeDrift } from './drift/compute-drift.js';
export type {
  CurrentCategorical,
  CurrentFeature,
  CurrentNumeric,
  CurrentStats,
} from './drift/drift-accumulator.js';
export { DriftAccumulator } from './drift/drift-accumulator.js';
export { accumulateCsv, driftBetweenCsvs } from './drift/drift-between-csvs.js';
export type { DriftParams, DriftThresholds } from './drift/drift-thresholds.js';
export { DEFAULT_DRIFT_THRESHOLDS, getDriftThresholds } from './drift/drift-thresholds.js';
export type {
  CategoricalReference,
  FeatureReference,
  NumericReference,
  ReferenceStats,
} from './drift/reference-stats.js';
export { REFERENCE_STATS_VERSION } from './drift/reference-stats.js';
export type { ChiSquaredResult } from './drift/statistics/chi-squared.js';
export { chiSquaredSurvival, testChiSquared } from './drift/statistics/chi-squared.js';
export { regularizedGammaQ, logGamma } from './drift/statistics/gamma.js';
export { computeKs } from './drift/statistics/ks.js';
export { computePsi, PSI_EPSILON } from './drift/statistics/psi.js';
export { sortIndicesByScore } from './statistics/sort-indices-by-score.js';
