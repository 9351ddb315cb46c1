import { predictClasses } from './multiclass-confusion.js';
import { computeMulticlassMetrics } from './multiclass-metrics.js';
import { computeTopLabelCalibration } from './top-label-calibration.js';

const labels = [0, 1, 2, 1];
// Predicted 0 (right, 0.9), 0 (wrong, 0.6), 2 (right, 0.8), 1 (right, 0.7).
const probabilities = [0.9, 0.05, 0.05, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.2, 0.7, 0.1];

describe('computeTopLabelCalibration', () => {
  it("bins the predicted class's probability against whether it was right, as worked by hand", () => {
    const { bins, ece } = computeTopLabelCalibration(labels, probabilities, predictClasses(probabilities, 3), 3);
    const filled = bins.filter((bin) => bin.count > 0).map((bin) => [bin.lower, bin.meanPredicted, bin.observedRate]);
    expect(filled).toEqual([
      [0.6, 0.6, 0],
      [0.7, 0.7, 1],
      [0.8, 0.8, 1],
      [0.9, 0.9, 1],
    ]);
    // (|0.6 - 0| + |0.7 - 1| + |0.8 - 1| + |0.9 - 1|) / 4
    expect(ece).toBeCloseTo(0.3, 12);
  });

  it('is part of the multiclass metrics as ece, with the bins beside the confusion matrix', () => {
    const result = computeMulticlassMetrics(labels, probabilities, ['a', 'b', 'c']);
    expect(result.metrics.ece).toBeCloseTo(0.3, 12);
    expect(result.calibration).toHaveLength(10);
  });
});
