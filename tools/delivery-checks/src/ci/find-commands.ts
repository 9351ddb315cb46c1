/** A workspace command a CI script calls. */
export type CiCommand =
  | { kind: 'npm-script'; name: string; text: string }
  | { kind: 'nx-target'; project: string; target: string; text: string }
  | { kind: 'nx-many'; targets: string[]; text: string }
  | { kind: 'file'; path: string; subcommand: string | null; text: string }
  | { kind: 'bin'; name: string; subcommand: string | null; text: string };

/**
 * The workspace commands in a shell script: `npm run X`, `nx run p:t`, `nx run-many|affected -t
 * a b`, `tsx <file> <command>` and `node <file>` (with or without npx; `node --import tsx` too),
 * and the workspace's own bins (`npx modelship <command>`, `npx modelship-registry <command>`).
 */
export function findCommands(script: string): CiCommand[] {
  const commands: CiCommand[] = [];
  for (const raw of script.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    for (const match of line.matchAll(/\bnpm run(?:-script)? ([\w:-]+)/g)) {
      commands.push({ kind: 'npm-script', name: match[1] ?? '', text: match[0] });
    }
    for (const match of line.matchAll(/\bnx run ([\w-]+):([\w-]+)/g)) {
      commands.push({
        kind: 'nx-target',
        project: match[1] ?? '',
        target: match[2] ?? '',
        text: match[0],
      });
    }
    for (const match of line.matchAll(/\bnx (?:run-many|affected)\b(.*)$/g)) {
      const targets = /(?:-t|--targets?)[ =]((?:[\w-]+[ ,]?)+)/.exec(match[1] ?? '')?.[1] ?? '';
      commands.push({
        kind: 'nx-many',
        targets: targets.split(/[ ,]+/).filter((target) => target && !target.startsWith('-')),
        text: match[0],
      });
    }
    for (const match of line.matchAll(
      /\b(?:tsx|node(?: --import tsx)?) ((?:apps|libs|tools|ci|load)\/[\w./-]+)(?: ([a-z][\w-]*))?/g,
    )) {
      commands.push({
        kind: 'file',
        path: match[1] ?? '',
        subcommand: match[2] ?? null,
        text: match[0],
      });
    }
    for (const match of line.matchAll(
      /\bnpx (?:--no-install )?(modelship[\w-]*)(?: ([a-z][\w-]*))?/g,
    )) {
      commands.push({
        kind: 'bin',
        name: match[1] ?? '',
        subcommand: match[2] ?? null,
        text: match[0],
      });
    }
  }
  return commands;
}
