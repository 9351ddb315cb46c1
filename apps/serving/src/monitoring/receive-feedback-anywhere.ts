import type { FeedbackOutcome } from '@modelship/serving-contract';
import type { ServingPeers } from '../cluster/peer-commands.js';
import type { FeedbackItem, InvalidFeedbackItem, ServingMonitor } from './serving-monitor.js';

/**
 * Joins labels with the prediction log of the process that answered each prediction: this one
 * first, then, in cluster mode, the others, asked for the ids unknown here (each process logs
 * its own predictions, and a client's feedback may reach any of them). An id no process knows is
 * `unknown_prediction`, counted once.
 */
export async function receiveFeedbackAnywhere(
  monitor: ServingMonitor,
  peers: ServingPeers,
  items: readonly (FeedbackItem | InvalidFeedbackItem)[],
): Promise<FeedbackOutcome[]> {
  const outcomes = await monitor.receiveFeedback(items, { countUnknown: false });
  const unknown = outcomes.flatMap((outcome, index) =>
    outcome.result === 'unknown_prediction' ? [index] : [],
  );
  if (unknown.length > 0) {
    const asked = unknown.map((index) => items[index] as FeedbackItem);
    const answers = (await peers.ask({ kind: 'feedback', items: asked })) as (
      FeedbackOutcome[] | null
    )[];
    unknown.forEach((index, position) => {
      const known = answers
        .map((answer) => answer?.[position])
        .find((outcome) => outcome && outcome.result !== 'unknown_prediction');
      if (known) outcomes[index] = known;
    });
  }
  monitor.countFeedback(outcomes.filter((outcome) => outcome.result === 'unknown_prediction'));
  return outcomes;
}

/** Answers another process's feedback: the ids this process logged are joined here. */
export function answerPeerFeedback(monitor: ServingMonitor, peers: ServingPeers): void {
  peers.onQuestion((question) => monitor.receiveFeedback(question.items, { countUnknown: false }));
}
