import type { NetworkHead } from './network-head.js';
import { checkNetworkHead } from './network-head.js';

describe('checkNetworkHead', () => {
  it.each<NetworkHead>([
    { task: 'binary' },
    { task: 'multiclass', classes: 2 },
    { task: 'multiclass', classes: 12 },
    { task: 'regression', loss: { kind: 'mse' } },
    { task: 'regression', loss: { kind: 'huber', delta: 0.5 } },
  ])('accepts %j', (head) => {
    expect(() => checkNetworkHead(head)).not.toThrow();
  });

  it.each<[NetworkHead, string]>([
    [
      { task: 'multiclass', classes: 1 },
      'A multiclass head needs an integer class count of at least 2, got 1.',
    ],
    [
      { task: 'multiclass', classes: 2.5 },
      'A multiclass head needs an integer class count of at least 2, got 2.5.',
    ],
    [
      { task: 'regression', loss: { kind: 'huber', delta: -1 } },
      'model.huber_delta must be a positive number (in standard deviations of the target), got -1.',
    ],
  ])('refuses %j', (head, message) => {
    expect(() => checkNetworkHead(head)).toThrow(message);
  });
});
