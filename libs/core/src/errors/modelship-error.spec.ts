import { ModelshipError, isModelshipError } from './modelship-error.js';

class ExampleError extends ModelshipError {}

describe('ModelshipError', () => {
  it('names itself after the subclass and defaults its code to that name', () => {
    const error = new ExampleError('bad input');
    expect(error.name).toBe('ExampleError');
    expect(error.code).toBe('ExampleError');
    expect(error.fix).toBeUndefined();
    expect(error).toBeInstanceOf(Error);
    expect(isModelshipError(error)).toBe(true);
  });

  it('keeps the code, the fix and the cause it is given', () => {
    const cause = new Error('ENOENT');
    const error = new ModelshipError('params.yaml is missing', {
      code: 'E_PARAMS',
      fix: 'run `npx modelship init`',
      cause,
    });
    expect(error).toMatchObject({ code: 'E_PARAMS', fix: 'run `npx modelship init`', cause });
  });

  it('does not claim errors it did not make', () => {
    expect(isModelshipError(new Error('x'))).toBe(false);
    expect(isModelshipError('x')).toBe(false);
  });
});
