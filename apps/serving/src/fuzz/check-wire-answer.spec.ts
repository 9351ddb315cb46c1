import { findAnswerProblem } from './check-wire-answer.js';

const wire = { method: 'POST', path: '/predict', headers: {} };
const answer = (body: unknown, status = 200) => ({
  status,
  type: 'application/json',
  body: JSON.stringify(body),
  ms: 1,
});
const id = 'a9c6f1c2-0000-4000-8000-000000000000';

describe('findAnswerProblem on prediction answers of every task', () => {
  it.each([
    [
      'a binary answer',
      { predictionId: id, label: 'yes', probability: 0.7, probabilities: { no: 0.3, yes: 0.7 } },
    ],
    ['a regression answer', { predictionId: id, value: -3.5, id: { ref: 'x' } }],
    [
      'a batch of multiclass answers',
      {
        predictions: [
          { predictionId: id, label: 'b', probability: 0.6, probabilities: { a: 0.4, b: 0.6 } },
        ],
      },
    ],
    [
      'V2 outputs',
      {
        outputs: [
          { name: 'probabilities', datatype: 'FP32', data: [0.4, 0.6] },
          { name: 'label', datatype: 'BYTES', data: ['b'] },
        ],
      },
    ],
    ['a body without predictions', { ready: true }],
  ])('passes %s', (_title, body) => {
    expect(findAnswerProblem(wire, answer(body), 1000)).toBeNull();
  });

  it.each([
    [
      'a null probability',
      { predictionId: id, label: 'yes', probability: null, probabilities: { yes: 1 } },
      'a 200 with the score null',
    ],
    [
      'a null class probability',
      { predictionId: id, label: 'a', probability: 1, probabilities: { a: 1, b: null } },
      'a 200 with the score null',
    ],
    [
      'no probabilities',
      { predictionId: id, label: 'a', probability: 1 },
      'a 200 with the score null',
    ],
    ['a null value', { predictionId: id, value: null }, 'a 200 with the score null'],
    [
      'a numeric label',
      { predictionId: id, label: 1, probability: 1, probabilities: { 1: 1 } },
      'a 200 with the label 1',
    ],
    ['neither label nor value', { predictionId: id }, 'a prediction without label or value'],
    [
      'a null V2 value',
      { outputs: [{ name: 'value', datatype: 'FP32', data: [1, null] }] },
      'a 200 with the score null',
    ],
    [
      'an empty V2 label',
      { outputs: [{ name: 'label', datatype: 'BYTES', data: [''] }] },
      'a 200 with the label ',
    ],
  ])('finds %s', (_title, body, problem) => {
    expect(findAnswerProblem(wire, answer(body), 1000)).toBe(problem);
  });
});
