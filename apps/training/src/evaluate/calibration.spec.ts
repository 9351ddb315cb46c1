import { computeCalibrationBins, computeExpectedCalibrationError } from './calibration.js';

describe('computeCalibrationBins', () => {
  it('averages predictions and outcomes per bin, with 1.0 in the last bin', () => {
    expect(computeCalibrationBins([0, 1, 1, 1], [0.1, 0.2, 0.7, 1], 2)).toEqual([
      {
        lower: 0,
        upper: 0.5,
        count: 2,
        meanPredicted: expect.closeTo(0.15, 12),
        observedRate: 0.5,
      },
      { lower: 0.5, upper: 1, count: 2, meanPredicted: expect.closeTo(0.85, 12), observedRate: 1 },
    ]);
  });

  it('keeps empty bins with null rates', () => {
    const bins = computeCalibrationBins([1], [0.95], 4);
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 1]);
    expect(bins[0]).toEqual({
      lower: 0,
      upper: 0.25,
      count: 0,
      meanPredicted: null,
      observedRate: null,
    });
  });
});

describe('computeExpectedCalibrationError', () => {
  it('weights each bin gap by its share of rows', () => {
    const bins = computeCalibrationBins([0, 1, 1, 1], [0.1, 0.2, 0.7, 1], 2);
    expect(computeExpectedCalibrationError(bins)).toBeCloseTo(0.5 * 0.35 + 0.5 * 0.15, 12);
  });

  it('is 0 for perfectly calibrated bins', () => {
    const bins = computeCalibrationBins([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 10);
    expect(computeExpectedCalibrationError(bins)).toBe(0);
  });
});
