import type { Params } from '@modelship/params';
import { defineQuickStartStep, formatQuickStartSummary, runQuickStart } from './start.js';
import type { StepContext } from './step-context.js';

const ctx: StepContext = { root: '/workspace', params: {} as Params, log: () => undefined };

describe('runQuickStart', () => {
  it('runs the steps in order and summarises each', async () => {
    const ran: string[] = [];
    const outcomes = await runQuickStart(ctx, [
      defineQuickStartStep(
        'one',
        async () => ran.push('one'),
        (count) => `ran ${count}`,
      ),
      defineQuickStartStep(
        'two',
        async () => ran.push('two'),
        (count) => `ran ${count}`,
      ),
    ]);
    expect(ran).toEqual(['one', 'two']);
    expect(outcomes.map(({ name, ok, line }) => ({ name, ok, line }))).toEqual([
      { name: 'one', ok: true, line: 'ran 1' },
      { name: 'two', ok: true, line: 'ran 2' },
    ]);
  });

  it('stops at the first failure, keeping its message', async () => {
    const ran: string[] = [];
    const outcomes = await runQuickStart(ctx, [
      defineQuickStartStep(
        'prepare',
        async () => {
          throw new Error('no data');
        },
        () => 'never',
      ),
      defineQuickStartStep(
        'verify',
        async () => ran.push('verify'),
        () => 'never',
      ),
    ]);
    expect(ran).toEqual([]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ name: 'prepare', ok: false, line: 'no data' });
  });

  it('fails a step whose summary throws (a report that did not pass)', async () => {
    const outcomes = await runQuickStart(ctx, [
      defineQuickStartStep(
        'validate',
        async () => ({ passed: false }),
        () => {
          throw new Error('2 checks failed');
        },
      ),
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, line: '2 checks failed' });
  });
});

describe('formatQuickStartSummary', () => {
  it('aligns names and times and adds a total', () => {
    expect(
      formatQuickStartSummary([
        { name: 'prepare', seconds: 1.25, ok: true, line: 'data up-to-date' },
        { name: 'validate', seconds: 0.5, ok: false, line: '1 of 54 checks failed' },
      ]),
    ).toMatchInlineSnapshot(`
      "  ✔ prepare     1.3 s  data up-to-date
        ✖ validate    0.5 s  failed
        total   1.8 s"
    `);
  });
});
