import type { ModelEvaluation } from '../../evaluate/evaluate-predictions.js';
import { describeModelFamily, describeModelRun, labelModelColumn, MODEL_FAMILY_NAMES } from '../describe-model-run.js';
import type { ModelCardInput, TrainingSummary } from './card-input.js';
import { formatCount, formatMetric, formatPercent, renderTable } from './_markdown.js';

/** At most this many values per slice column in the card (evaluation.json has them all). */
export const MAX_SLICE_ROWS = 10;
/** Slices smaller than this are flagged: their metrics are too noisy to act on. */
export const SMALL_SLICE = 30;

const METRIC_ROWS: [keyof ModelEvaluation['metrics'], string][] = [
  ['roc_auc', 'ROC AUC'],
  ['pr_auc', 'PR AUC (average precision)'],
  ['accuracy', 'Accuracy'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
  ['log_loss', 'Log loss (lower is better)'],
  ['brier', 'Brier score (lower is better)'],
  ['ece', 'Expected calibration error (lower is better)'],
];

export function renderDetails(input: ModelCardInput): string {
  const { network } = input.evaluation;
  const data = formatDataVersion(input.data);
  return [
    '## Model details',
    '',
    renderTable(
      ['Field', 'Value'],
      [
        ['Name', input.name],
        ['Created', input.createdAt],
        ['Type', `Binary classifier: ${describeTrainedFamily(input.training)}, served as ONNX`],
        ['Data version', data],
        ...(input.training
          ? [
              ['Training', formatTrainingRun(input.training)],
            ]
          : []),
        [
          'Target',
          `\`${input.target.column}\`${input.target.positive === null ? '' : ` (positive class: \`${input.target.positive}\`)`}`,
        ],
        [
          'Features',
          `${input.features.length}: ${input.features.map((f) => `\`${f}\``).join(', ')}`,
        ],
        [
          'Test split',
          `${formatCount(network.rows)} rows, ${formatPercent(network.positiveRate)} positive`,
        ],
        ['Decision threshold', String(network.threshold)],
      ],
    ),
  ].join('\n');
}

/** The card's data version line: the DVC md5 and where it is recorded, or why it is unknown. */
export function formatDataVersion(data: ModelCardInput['data']): string {
  return data.md5
    ? `\`${data.md5}\` (DVC md5${data.dvcFile ? ` in \`${data.dvcFile}\`` : ''}; data file \`${data.path}\`)`
    : `unknown (\`${data.path}\` is not versioned)`;
}

/** The card's training line: rows, the family's figures and time (on which TensorFlow.js backend). */
export function formatTrainingRun({ model, trainRows, trainSeconds }: TrainingSummary): string {
  if (model.type === 'imported') return describeModelRun(model);
  const backend = model.type === 'mlp' ? ` on the TensorFlow.js \`${model.backend}\` backend` : '';
  return `${formatCount(trainRows)} rows, ${describeModelRun(model)}, ${trainSeconds.toFixed(1)} s${backend}`;
}

/**
 * The command that makes this bundle again: `modelship train`, or for an imported model the
 * import of the same file with the same sample.
 */
export function describeBuildCommand(training: TrainingSummary | null, data: { path: string }, target: string): string {
  if (training?.model.type !== 'imported') return 'npx modelship train';
  return `npx modelship import ${training.model.file} --data ${data.path} --target ${target}`;
}

/** The family the card's type line names; a bundle without train-result.json is a network. */
export function describeTrainedFamily(training: TrainingSummary | null): string {
  return training ? describeModelFamily(training.model) : MODEL_FAMILY_NAMES.mlp;
}


export function renderParams(params: Record<string, unknown>): string {
  const rows = Object.entries(params).flatMap(([section, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value).map(([key, v]) => [`${section}.${key}`, `\`${JSON.stringify(v)}\``])
      : [[section, `\`${JSON.stringify(value)}\``]],
  );
  return [
    '## Training parameters',
    '',
    'From `params.yaml`:',
    '',
    renderTable(['Parameter', 'Value'], rows),
  ].join('\n');
}

export function renderMetrics(input: ModelCardInput): string {
  const { network, baselines } = input.evaluation;
  const header = ['Metric', labelModelColumn(input.training?.model ?? null), ...baselines.map((b) => b.label)];
  const rows = METRIC_ROWS.map(([key, label]) => [
    label,
    formatMetric(network.metrics[key]),
    ...baselines.map((b) => formatMetric(b.evaluation.metrics[key])),
  ]);
  const notes = baselines.map((b) => `- **${b.label}**: ${b.detail}.`);
  return [
    '## Metrics',
    '',
    `On the held-out test split (${formatCount(network.rows)} rows), at threshold ${network.threshold}. The baselines are trained in the same run on the same features, so the gap is what the model adds.`,
    '',
    renderTable(
      header,
      rows,
      header.map((_, i) => (i === 0 ? 'l' : 'r')),
    ),
    '',
    ...notes,
  ].join('\n');
}

export function renderPlots(plots: ModelCardInput['plots']): string {
  return [
    '## Plots',
    '',
    `![ROC curve](${plots.roc}) ![Precision-recall curve](${plots.pr})`,
    '',
    `![Confusion matrix](${plots.confusion}) ![Calibration](${plots.calibration})`,
  ].join('\n');
}

export function renderSlices(input: ModelCardInput): string {
  const lines = ['## Slices', ''];
  const entries = Object.entries(input.evaluation.slices);
  if (entries.length === 0) {
    lines.push('The schema has no categorical or boolean features to slice by.');
    return lines.join('\n');
  }
  lines.push(
    `Test metrics per value of each categorical feature (largest ${MAX_SLICE_ROWS} values; all of them in \`evaluation.json\`). Slices under ${SMALL_SLICE} rows are marked *small*.`,
  );
  for (const [column, slices] of entries) {
    const rows = slices
      .slice(0, MAX_SLICE_ROWS)
      .map((s) => [
        `\`${s.value}\`${s.count < SMALL_SLICE ? ' *(small)*' : ''}`,
        formatCount(s.count),
        formatPercent(s.positiveRate),
        formatMetric(s.rocAuc),
        formatMetric(s.accuracy),
      ]);
    lines.push(
      '',
      `### \`${column}\``,
      '',
      renderTable(['Value', 'Rows', 'Positive rate', 'ROC AUC', 'Accuracy'], rows, [
        'l',
        'r',
        'r',
        'r',
        'r',
      ]),
    );
    if (slices.length > MAX_SLICE_ROWS)
      lines.push('', `…and ${slices.length - MAX_SLICE_ROWS} more values.`);
  }
  return lines.join('\n');
}
