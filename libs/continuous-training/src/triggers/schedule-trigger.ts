import { formatNumber, type CtTrigger } from './ct-trigger.js';

const DAY_MS = 86_400_000;

/** Fires when the production version was registered more than `max_model_age_days` ago. */
export const scheduleTrigger: CtTrigger = {
  id: 'schedule',
  evaluate: ({ production, now }, { schedule }) => {
    if (!schedule) return [];
    const base = {
      trigger: 'schedule',
      threshold: schedule.maxModelAgeDays,
      comparator: '>' as const,
    };
    if (!production)
      return [{ ...base, fired: true, value: null, reason: 'no production model: train one' }];
    const days = (now.getTime() - Date.parse(production.registeredAt)) / DAY_MS;
    const fired = days > schedule.maxModelAgeDays;
    return [
      {
        ...base,
        fired,
        value: days,
        reason: `production v${production.version} was registered ${formatNumber(days)} days ago (${production.registeredAt})`,
      },
    ];
  },
};
