import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One pinned action in action-pins.json. */
export interface ActionPin {
  release: string;
  commit: string;
  inputs: string[];
}

/** The table of pins, by `owner/repo` (as the action's repository spells it). */
export type ActionPins = Record<string, ActionPin>;

/** A step that runs an action: where, the `uses:` line as written, and its `with:` keys. */
export interface ActionUse {
  path: string;
  /** The text after `uses:`, comment included (`owner/repo@<sha> # vX.Y.Z`). */
  line: string;
  withKeys: string[];
}

/** Reads the table of pins that sits beside this file. */
export function readActionPins(): ActionPins {
  const file = join(import.meta.dirname, 'action-pins.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { actions: ActionPins }).actions;
}

// owner/repo[/path]@<40 hex> # vX.Y.Z
const PINNED = /^([\w.-]+\/[\w.-]+)((?:\/[\w./-]+)?)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/;

/**
 * What is wrong with one action use: not pinned to a full commit with its release in a comment,
 * not in the table, a commit or release other than the table's, or a `with:` key the action does
 * not take (the runner only warns about those and ignores them). Local actions (`./`) pass.
 */
export function checkActionUse(use: ActionUse, pins: ActionPins): string[] {
  const line = use.line.trim();
  if (line.startsWith('./')) return [];
  const match = PINNED.exec(line);
  if (!match) {
    return [
      `${use.path}: \`uses: ${line}\` is not pinned as \`owner/repo@<40-hex commit> # vX.Y.Z\``,
    ];
  }
  const [, repo = '', , commit, release] = match;
  const pin = pins[repo];
  if (!pin) {
    return [`${use.path}: ${repo} is not in action-pins.json (add its release, commit and inputs)`];
  }
  const problems: string[] = [];
  if (pin.commit !== commit || pin.release !== release) {
    problems.push(
      `${use.path}: ${repo}@${commit} # ${release}, but action-pins.json pins ${pin.commit} # ${pin.release}`,
    );
  }
  for (const key of use.withKeys) {
    if (!pin.inputs.includes(key)) {
      problems.push(
        `${use.path}: ${repo} ${pin.release} has no input \`${key}\` (it takes ${pin.inputs.join(', ')})`,
      );
    }
  }
  return problems;
}

/**
 * Every step with `uses:` in a workflow or composite action, in document order, with the `uses:`
 * lines read from the text (YAML drops the release comment).
 */
export function findActionUses(path: string, text: string, yaml: unknown): ActionUse[] {
  const lines = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+?)\s*$/gm)].map((m) => m[1] ?? '');
  const steps = collectUsesSteps(yaml);
  if (steps.length !== lines.length) {
    throw new Error(
      `${path}: found ${lines.length} \`uses:\` lines but ${steps.length} steps with uses (one per line, please)`,
    );
  }
  return steps.map((step, index) => ({
    path,
    line: lines[index] ?? '',
    withKeys: Object.keys(step.with ?? {}),
  }));
}

// --- internal ---

interface UsesStep {
  uses: string;
  with?: Record<string, unknown>;
}

function collectUsesSteps(node: unknown): UsesStep[] {
  if (Array.isArray(node)) return node.flatMap(collectUsesSteps);
  if (node === null || typeof node !== 'object') return [];
  if (typeof (node as { uses?: unknown }).uses === 'string') return [node as UsesStep];
  return Object.values(node).flatMap(collectUsesSteps);
}
