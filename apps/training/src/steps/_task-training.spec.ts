import type { TaskDataset } from '../data/load-task-dataset.js';
import { splitForTask } from './_task-training.js';

const split = { test: 0.2, validation: 0.1, seed: 1, stratify: false };

function binary(labels: Uint8Array): TaskDataset {
  const rows = Array.from(labels, () => ({}));
  return { task: 'binary', file: 'loans.csv', target: { column: 'defaulted', positive: 'yes', negative: 'no' }, classes: ['no', 'yes'], rows, labels };
}

describe('splitForTask', () => {
  it('refuses a binary positive class that only the held-out splits hold, naming it', () => {
    // One positive among 60 rows: unstratified, some seed puts it outside train.
    const labels = Uint8Array.from({ length: 60 }, (_, i) => (i === 7 ? 1 : 0));
    const messages = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      try {
        splitForTask(binary(labels), { ...split, seed });
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(messages.find((message) => message !== null)).toMatch(
      /class "yes" is in the (validation|test) split but not in train.*Fix: set `split.stratify: true` in params.yaml, or add rows of that class/,
    );
  });

  it('refuses a binary class too rare for the stratified split, naming it', () => {
    const labels = Uint8Array.from({ length: 60 }, (_, i) => (i < 2 ? 1 : 0));
    expect(() => splitForTask(binary(labels), { ...split, stratify: true })).toThrow(/class "yes" has 2 rows/);
  });
});
