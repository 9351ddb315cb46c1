import type { TransitionEvent } from '../../model-version.js';
import { printJson, printLine } from '../output.js';

export function printTransitions(
  args: { json?: boolean; name: string },
  events: TransitionEvent[],
): void {
  if (args.json) return printJson(events);
  for (const e of events) {
    printLine(
      `${args.name} v${e.version}: ${e.alias ? `alias ${e.alias}` : `${e.from} -> ${e.to}`} (${e.action} by ${e.by}${e.reason ? `: ${e.reason}` : ''})`,
    );
  }
}
