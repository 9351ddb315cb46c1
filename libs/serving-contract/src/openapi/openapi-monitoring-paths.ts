/** The OpenAPI paths of feedback and drift (serving's routes/feedback-routes.ts, drift-routes.ts). */
import { answer, error, json, ref } from './openapi-helpers.js';

const NULLABLE_NUMBER = { type: ['number', 'null'] };

export const monitoringPaths = {
  '/feedback': {
    post: {
      summary:
        'True labels for earlier predictions, by predictionId: one item, or {"feedback": [...]} up to MAX_INSTANCES. A label is in the user\'s form, judged against the classes of the model version that predicted: binary a class text or 0/1, multiclass a class text, regression a number. Joined rows feed the live metrics and the feedback store; a repeated id is a duplicate (the first label wins); a batch item with a bad field or an unknown class is answered as invalid with its error while the others count.',
      requestBody: {
        required: true,
        content: json(ref('FeedbackRequest')),
      },
      responses: {
        '200': answer(
          'One item: its outcome. A batch: each outcome, and counts per result.',
          ref('FeedbackResponse'),
        ),
        '400': error(
          'A bad field (predictionId, label), a label the predicting version does not know (naming it and the classes it takes), an unknown field, or too many items.',
        ),
        '404': error('One item whose predictionId is unknown or left the prediction log.'),
        '409': error('One item whose logged prediction cannot be recorded in the feedback store.'),
        '413': error('The body is larger than BODY_LIMIT.'),
        '415': error('Content-Type is not application/json.'),
        '503': error('The feedback store could not record the labels (nothing was counted).'),
      },
    },
  },
  '/feedback/summary': {
    get: {
      summary:
        'Live metrics of the task per model version and variant, over FEEDBACK_WINDOW: accuracy and macro F1 (classification), ROC AUC (binary), MAE and RMSE (regression); null where the task has none.',
      responses: {
        '200': answer('The window, the prediction log and one entry per version and variant.', {
          type: 'object',
          properties: {
            window: { type: 'integer' },
            predictionLog: { type: 'object' },
            store: { type: 'string' },
            models: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  model: { type: 'string' },
                  version: { type: 'string' },
                  variant: { type: 'string' },
                  task: { enum: ['binary', 'multiclass', 'regression'] },
                  labelledRows: { type: 'integer' },
                  positives: { type: ['integer', 'null'] },
                  accuracy: NULLABLE_NUMBER,
                  macroF1: NULLABLE_NUMBER,
                  rocAuc: NULLABLE_NUMBER,
                  mae: NULLABLE_NUMBER,
                  rmse: NULLABLE_NUMBER,
                },
              },
            },
          },
        }),
      },
    },
  },
  '/drift': {
    get: {
      summary:
        "Per-feature drift (PSI, and KS or chi-squared) of each loaded version's last DRIFT_WINDOW rows against its bundle's reference statistics, and the drift of its last DRIFT_WINDOW predictions against the model's predictions on its training split (or why there is none).",
      responses: {
        '200': answer('One entry per loaded model version.', {
          type: 'object',
          properties: {
            window: { type: 'integer' },
            models: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  model: { type: 'string' },
                  version: { type: 'string' },
                  windowRows: { type: 'integer' },
                  status: { enum: ['ok', 'warn', 'alert', null] },
                  features: { type: 'array', items: { type: 'object' } },
                  prediction: {
                    type: 'object',
                    properties: {
                      windowRows: { type: 'integer' },
                      drift: { type: ['object', 'null'] },
                      unavailable: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        }),
      },
    },
  },
};
