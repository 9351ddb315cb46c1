/** One line of the demo's timeline. */
export interface TimelineEvent {
  t: number;
  stage: string;
  event: string;
}

/** The demo's timeline: seconds since the start, the stage, what happened; printed as it goes. */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  readonly started = Date.now();

  constructor(private readonly print: (line: string) => void) {}

  /** Seconds since the demo started. */
  now(): number {
    return (Date.now() - this.started) / 1000;
  }

  note(stage: string, event: string): TimelineEvent {
    const entry = { t: this.now(), stage, event };
    this.events.push(entry);
    this.print(formatTimelineEvent(entry));
    return entry;
  }
}

export function formatTimelineEvent(entry: TimelineEvent): string {
  return `t+${entry.t.toFixed(1).padStart(6)}s  ${entry.stage.padEnd(9)} ${entry.event}`;
}
