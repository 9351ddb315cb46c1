import type { CtTrigger } from './ct-trigger.js';

/** Fires when the feedback store holds `ct.new_labelled_rows` labelled rows not yet in the data. */
export const newRowsTrigger: CtTrigger = {
  id: 'new_labelled_rows',
  evaluate: ({ newLabelledRows }, { newLabelledRows: threshold }) => {
    if (threshold === null) return [];
    const fired = newLabelledRows >= threshold;
    return [
      {
        trigger: 'new_labelled_rows',
        fired,
        value: newLabelledRows,
        threshold,
        comparator: '>=',
        reason: `${newLabelledRows} labelled rows in the feedback store since the data's watermark${fired ? '' : `; retrain at ${threshold}`}`,
      },
    ];
  },
};
