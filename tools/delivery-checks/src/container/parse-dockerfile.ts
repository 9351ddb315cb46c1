/** One instruction: `COPY --from=build a b` -> keyword COPY, flags {from: 'build'}, args [a, b]. */
export interface DockerInstruction {
  keyword: string;
  flags: Record<string, string>;
  /** Arguments after the flags; a JSON-array form is parsed into its strings. */
  args: string[];
  /** The instruction's text after the keyword, continuations joined. */
  text: string;
  /** True when written in exec (JSON array) form. */
  exec: boolean;
  line: number;
}

export interface DockerStage {
  /** The `AS` name, or the stage's index as a string. */
  name: string;
  from: string;
  instructions: DockerInstruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
  stages: DockerStage[];
}

/** Parses a Dockerfile: comments, `\` continuations, flags, exec-form arrays, stages. */
export function parseDockerfile(text: string): Dockerfile {
  const dockerfile: Dockerfile = { globalArgs: {}, stages: [] };
  for (const instruction of readInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args;
      dockerfile.stages.push({
        name: as?.toUpperCase() === 'AS' && name ? name : String(dockerfile.stages.length),
        from,
        instructions: [],
      });
      continue;
    }
    const stage = dockerfile.stages.at(-1);
    if (stage) stage.instructions.push(instruction);
    else if (instruction.keyword === 'ARG')
      Object.assign(dockerfile.globalArgs, readArg(instruction));
  }
  return dockerfile;
}

/** The stage's instructions of one keyword. */
export function findInstructions(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/**
 * The environment a stage's ENV lines set, evaluated with its ARGs (defaults, or `buildArgs`):
 * `$X`, `${X}`, `${X:-word}` and `${X:+word}` as Docker substitutes them.
 */
export function evaluateStageEnv(
  dockerfile: Dockerfile,
  stage: DockerStage,
  buildArgs: Record<string, string> = {},
): Record<string, string> {
  const scope: Record<string, string> = {};
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ARG') {
      for (const [name, fallback] of Object.entries(readArg(instruction))) {
        scope[name] = buildArgs[name] ?? dockerfile.globalArgs[name] ?? fallback;
      }
    }
    if (instruction.keyword === 'ENV') {
      for (const [name, raw] of readKeyValues(instruction.text)) {
        env[name] = substitute(raw, { ...scope, ...env });
      }
    }
  }
  return env;
}

// --- internal ---

function readInstructions(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let line = lines[index] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && index + 1 < lines.length) {
      index++;
      const next = lines[index] ?? '';
      if (/^\s*#/.test(next)) continue;
      line = line.replace(/\\\s*$/, ' ') + next.trim();
    }
    const match = /^\s*(\w+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, keyword = '', rest = ''] = match;
    instructions.push(readInstruction(keyword.toUpperCase(), rest.trim(), start + 1));
  }
  return instructions;
}

function readInstruction(keyword: string, text: string, line: number): DockerInstruction {
  const flags: Record<string, string> = {};
  let rest = text;
  for (
    let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    flag;
    flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)
  ) {
    flags[flag[1] ?? ''] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  if (rest.startsWith('[')) {
    try {
      return { keyword, flags, args: JSON.parse(rest) as string[], text, exec: true, line };
    } catch {
      // Not valid JSON: Docker treats it as shell form too.
    }
  }
  return { keyword, flags, args: rest.split(/\s+/).filter(Boolean), text: rest, exec: false, line };
}

function readArg(instruction: DockerInstruction): Record<string, string> {
  return Object.fromEntries(readKeyValues(instruction.text).map(([name, value]) => [name, value]));
}

// `A=1 B="two words" C` (and the legacy `ENV A value` form).
function readKeyValues(text: string): Array<[string, string]> {
  if (!/^[\w.-]+=/.test(text)) {
    const [name = '', ...value] = text.split(/\s+/);
    return [[name, unquote(value.join(' '))]];
  }
  const pairs: Array<[string, string]> = [];
  for (const match of text.matchAll(/([\w.-]+)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    pairs.push([match[1] ?? '', unquote(match[2] ?? '')]);
  }
  return pairs;
}

function unquote(value: string): string {
  if (/^".*"$/.test(value)) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'.*'$/.test(value)) return value.slice(1, -1);
  return value;
}

function substitute(value: string, scope: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-+])([^}]*))?\}|\$(\w+)/g,
    (_, braced?: string, operator?: string, word?: string, bare?: string) => {
      const current = scope[braced ?? bare ?? ''] ?? '';
      if (operator === '-') return current === '' ? (word ?? '') : current;
      if (operator === '+') return current === '' ? '' : (word ?? '');
      return current;
    },
  );
}
