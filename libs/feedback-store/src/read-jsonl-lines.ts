import { createReadStream } from 'node:fs';

/** One line of a JSON Lines file; `complete` is false for a last line with no newline after it. */
export interface JsonlLine {
  text: string;
  /** 1-based line number. */
  number: number;
  complete: boolean;
}

/** Streams the lines of the first `size` bytes of a file, with bounded memory. */
export async function* readJsonlLines(path: string, size: number): AsyncGenerator<JsonlLine> {
  if (size === 0) return;
  let pending = '';
  let number = 0;
  const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: size - 1 });
  for await (const chunk of stream as AsyncIterable<string>) {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      number += 1;
      yield { text: trimCarriageReturn(pending.slice(0, newline)), number, complete: true };
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending !== '') yield { text: pending, number: number + 1, complete: false };
}

// --- internal ---

function trimCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
