import { decideGate } from '../../gate/decide-gate.js';
import { parseGateParams } from '../../gate/gate-params.js';
import { evaluatePredictions } from '../../evaluate/evaluate-predictions.js';
import { computeSliceMetrics } from '../../evaluate/slices.js';
import { PLOT_FILES } from '../render-plots.js';
import type { ModelCardInput } from './card-input.js';
import { GATE_SECTION_END, GATE_SECTION_START, replaceGateSection } from './gate-section.js';
import { renderModelCard } from './render-card.js';
import { gbdtTraining, linearTraining, mlpTraining } from '../testing/training-summaries.js';

const labels = [0, 0, 1, 1, 0, 1, 0, 0];
const network = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.3];
const logistic = [0.2, 0.5, 0.3, 0.6, 0.3, 0.7, 0.4, 0.4];
const rows = ['a', 'a', 'a', 'b', 'b', 'b', 'a', 'a'].map((plan) => ({ plan }));
const evaluate = (p: number[]) =>
  evaluatePredictions(labels, p, { threshold: 0.5, calibrationBins: 4 });

function makeInput(): ModelCardInput {
  return {
    name: 'churn',
    createdAt: '2026-01-02T03:04:05.000Z',
    data: { path: 'data/churn.csv', md5: '0123456789abcdef0123456789abcdef', dvcFile: 'data.dvc' },
    target: { column: 'churned', positive: 'yes' },
    params: { model: { hidden_units: [32, 16], epochs: 30 }, split: { test: 0.2 } },
    training: mlpTraining(35000),
    features: ['plan', 'tenure'],
    evaluation: {
      network: evaluate(network),
      baselines: [
        {
          id: 'logistic_regression',
          label: 'Logistic regression',
          detail: 'L2 1',
          evaluation: evaluate(logistic),
        },
      ],
      slices: computeSliceMetrics(rows, labels, network, ['plan'], 0.5),
    },
    gate: null,
    plots: PLOT_FILES,
  };
}

function section(card: string, heading: string): string {
  const start = card.indexOf(`## ${heading}`);
  const ends = ['\n## ', '\n<!--'].map((m) => card.indexOf(m, start + 1)).filter((i) => i !== -1);
  return card.slice(start, ends.length > 0 ? Math.min(...ends) : undefined).trim();
}

describe('renderModelCard', () => {
  const card = renderModelCard(makeInput());

  it('states the model details and the data version', () => {
    expect(section(card, 'Model details')).toMatchInlineSnapshot(`
      "## Model details

      | Field | Value |
      | --- | --- |
      | Name | churn |
      | Created | 2026-01-02T03:04:05.000Z |
      | Type | Binary classifier: multilayer perceptron (TensorFlow.js), served as ONNX |
      | Data version | \`0123456789abcdef0123456789abcdef\` (DVC md5 in \`data.dvc\`; data file \`data/churn.csv\`) |
      | Training | 35,000 rows, 12 epochs (best 9), 4.3 s on the TensorFlow.js \`wasm\` backend |
      | Target | \`churned\` (positive class: \`yes\`) |
      | Features | 2: \`plan\`, \`tenure\` |
      | Test split | 8 rows, 37.5% positive |
      | Decision threshold | 0.5 |"
    `);
  });

  it('puts the network beside its baselines', () => {
    expect(section(card, 'Metrics')).toMatchInlineSnapshot(`
      "## Metrics

      On the held-out test split (8 rows), at threshold 0.5. The baselines are trained in the same run on the same features, so the gap is what the model adds.

      | Metric | Network | Logistic regression |
      | --- | ---: | ---: |
      | ROC AUC | 0.8667 | 0.7667 |
      | PR AUC (average precision) | 0.8667 | 0.8095 |
      | Accuracy | 0.7500 | 0.7500 |
      | Precision | 0.6667 | 0.6667 |
      | Recall | 0.6667 | 0.6667 |
      | F1 | 0.6667 | 0.6667 |
      | Log loss (lower is better) | 0.4363 | 0.5458 |
      | Brier score (lower is better) | 0.1416 | 0.1800 |
      | Expected calibration error (lower is better) | 0.1563 | 0.1000 |

      - **Logistic regression**: L2 1."
    `);
  });

  it('tables the slices and flags small ones', () => {
    expect(section(card, 'Slices')).toMatchInlineSnapshot(`
      "## Slices

      Test metrics per value of each categorical feature (largest 10 values; all of them in \`evaluation.json\`). Slices under 30 rows are marked *small*.

      ### \`plan\`

      | Value | Rows | Positive rate | ROC AUC | Accuracy |
      | --- | ---: | ---: | ---: | ---: |
      | \`a\` *(small)* | 5 | 20.0% | 0.5000 | 0.6000 |
      | \`b\` *(small)* | 3 | 66.7% | 1.0000 | 1.0000 |"
    `);
  });

  it('links the plots relatively', () => {
    expect(section(card, 'Plots')).toContain('![ROC curve](plots/roc.svg)');
  });

  it('states limitations measured in this run', () => {
    expect(section(card, 'Limitations')).toMatchInlineSnapshot(`
      "## Limitations

      - Measured on one held-out split of \`data/churn.csv\` (8 rows). Performance on data from another period, region or product is unknown; watch the drift metrics once it serves.
      - Probabilities are not well calibrated (expected calibration error 0.1563); do not read them as exact rates without recalibrating.
      - 2 value(s) of \`plan\` have fewer than 30 test rows; their metrics are unreliable."
    `);
  });

  it('says when the logistic baseline has the better ROC AUC, with both figures, and not otherwise', () => {
    const networkAuc = evaluate(network).metrics.roc_auc;
    const better = labels.map((label) => (label === 1 ? 0.9 : 0.1));
    const input = makeInput();
    const [logisticBaseline] = input.evaluation.baselines;
    if (!logisticBaseline) throw new Error('expected the logistic baseline');
    logisticBaseline.evaluation = evaluate(better);
    expect(renderModelCard(input)).toContain(
      `> **The linear baseline beats the network.** On the test split, Logistic regression scores roc_auc 1.0000 against the network's ${networkAuc.toFixed(4)} (higher is better).`,
    );
    expect(evaluate(logistic).metrics.roc_auc).toBeLessThan(networkAuc);
    expect(card).not.toContain('linear baseline beats');
  });

  it('names a linear model, its fit, and leaves out the note and limitation comparing it with itself', () => {
    const input = { ...makeInput(), training: linearTraining('logistic_regression') };
    const [logisticBaseline] = input.evaluation.baselines;
    if (!logisticBaseline) throw new Error('expected the logistic baseline');
    logisticBaseline.evaluation = evaluate(labels.map((label) => (label === 1 ? 0.9 : 0.1)));
    const linear = renderModelCard(input);
    expect(linear).toContain('| Type | Binary classifier: logistic regression, served as ONNX |');
    expect(linear).toContain('| Training | 3,500 rows, logistic regression, L2 0.5, 7 iterations, 0.3 s |');
    expect(linear).toContain('| Metric | Linear model | Logistic regression |');
    expect(linear).not.toContain('linear baseline beats');
    expect(linear).not.toContain('within 0.01 of the logistic regression baseline');
    expect(linear).not.toContain('## Model selection');
    expect(linear).not.toContain('## Feature importance');
  });

  it('tables the top 15 features of gradient-boosted trees by gain, with their splits and the tree count', () => {
    const trees = section(renderModelCard({ ...makeInput(), training: gbdtTraining() }), 'Feature importance');
    expect(trees).toContain("over the model's 40 trees (top 15 of 17 features with a split");
    const rows = trees.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(15);
    // Gain 17 of 153 in all, on 33 splits: the first row; f1 and f0 (the least gain) fall off.
    expect(rows[0]).toBe('| `f16` | 17 | 11.1% | 33 |');
    expect(rows.at(-1)).toBe('| `f2` | 3 | 2.0% | 5 |');
  });

  it('leaves out the plots for the CI summary', () => {
    expect(renderModelCard(makeInput(), { plots: false })).not.toContain('## Plots');
  });
});

describe('replaceGateSection', () => {
  const gate = decideGate(
    { roc_auc: 0.9 },
    parseGateParams({ min_roc_auc: 0.75, metric: 'roc_auc', margin: 0 }),
    null,
  );

  it('swaps the pending gate section for the decision, once', () => {
    const card = replaceGateSection(renderModelCard(makeInput()), gate);
    expect(card).not.toContain('Not run yet');
    expect(card.split(GATE_SECTION_START)).toHaveLength(2);
    expect(card.slice(card.indexOf(GATE_SECTION_START), card.indexOf(GATE_SECTION_END)))
      .toMatchInlineSnapshot(`
      "<!-- modelship:gate:start -->
      ## Quality gate

      **PASSED**

      | Check | Metric | Required | Actual | Result |
      | --- | --- | ---: | ---: | --- |
      | min_roc_auc | roc_auc | >= 0.75 | 0.9 | pass |

      - min_roc_auc: roc_auc 0.9 >= 0.75: pass
      - no production model: threshold checks only
      "
    `);
  });

  it('appends a gate section to a card without one', () => {
    expect(replaceGateSection('# Card\n', gate)).toContain(`# Card\n\n${GATE_SECTION_START}`);
  });
});
