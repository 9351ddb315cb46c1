import type { GateReport } from '../../gate/decide-gate.js';
import { formatGateMarkdown } from '../../gate/format-gate.js';

export const GATE_SECTION_START = '<!-- modelship:gate:start -->';
export const GATE_SECTION_END = '<!-- modelship:gate:end -->';

/** The card's gate section, between markers so the gate step can replace it in place. */
export function renderGateSection(gate: GateReport | null): string {
  const body = gate
    ? formatGateMarkdown(gate)
    : 'Not run yet. Run `modelship gate --bundle <dir>` to check this model against the thresholds in params.yaml and the production model.';
  return [GATE_SECTION_START, '## Quality gate', '', body, GATE_SECTION_END].join('\n');
}

/** Swaps the gate section of an existing card; appends one when the card has none. */
export function replaceGateSection(card: string, gate: GateReport | null): string {
  const start = card.indexOf(GATE_SECTION_START);
  const end = card.indexOf(GATE_SECTION_END);
  if (start === -1 || end < start) return `${card.trimEnd()}\n\n${renderGateSection(gate)}\n`;
  return card.slice(0, start) + renderGateSection(gate) + card.slice(end + GATE_SECTION_END.length);
}
