import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFeedbackRecord, type FeedbackRecord } from './feedback-record.js';
import { InvalidModelNameError } from './feedback-store-error.js';
import type { FeedbackStore, ReadFeedbackOptions } from './feedback-store.js';
import { readJsonlLines } from './read-jsonl-lines.js';
import { serialiseByKey, waitForKey } from './serialise-by-key.js';

/** Receives the store's warnings (a torn line skipped or cut off). */
export type FeedbackWarning = (message: string) => void;

/**
 * The `file:` store: one append-only JSON Lines file per model, `<dir>/<model>.jsonl`.
 * One process writes a folder; a crash mid-append leaves at most a torn last line, which readers
 * skip and the next append cuts off.
 */
export class FileFeedbackStore implements FeedbackStore {
  constructor(
    readonly location: string,
    private readonly warn: FeedbackWarning,
  ) {}

  async append(records: FeedbackRecord[]): Promise<void> {
    const linesByModel = new Map<string, string[]>();
    records.forEach((record, index) => {
      checkFeedbackRecord(record, `append: records[${index}]`);
      const lines = linesByModel.get(record.model) ?? [];
      lines.push(JSON.stringify(toContractOrder(record)));
      linesByModel.set(record.model, lines);
    });
    for (const [model, lines] of linesByModel) {
      const path = this.pathOf(model);
      await serialiseByKey(path, async () => {
        await mkdir(this.location, { recursive: true });
        await this.cutTornTailOnce(path);
        await appendFile(path, `${lines.join('\n')}\n`, 'utf8');
      });
    }
  }

  async *read(model: string, options: ReadFeedbackOptions = {}): AsyncGenerator<FeedbackRecord> {
    const path = this.pathOf(model);
    await waitForKey(path);
    const size = await sizeOf(path);
    const since = options.since?.getTime();
    for await (const line of readJsonlLines(path, size)) {
      if (line.text.trim() === '') continue;
      const record = this.parseLine(path, line.text, line.number, line.complete);
      if (!record) continue;
      if (since !== undefined && Date.parse(record.labelledAt) < since) continue;
      yield record;
    }
  }

  async count(model: string, options?: ReadFeedbackOptions): Promise<number> {
    let total = 0;
    for await (const _record of this.read(model, options)) total += 1;
    return total;
  }

  // --- internal ---

  private readonly checkedTails = new Set<string>();

  private pathOf(model: string): string {
    if (!MODEL_NAME.test(model)) throw new InvalidModelNameError(model);
    return join(this.location, `${model}.jsonl`);
  }

  private parseLine(
    path: string,
    text: string,
    number: number,
    complete: boolean,
  ): FeedbackRecord | undefined {
    try {
      return checkFeedbackRecord(JSON.parse(text), `${path}:${number}`);
    } catch (error) {
      if (complete) throw error;
      this.warn(`${path}:${number}: skipped a torn last line (an append was interrupted).`);
      return undefined;
    }
  }

  /** A previous process may have crashed mid-append: cut its torn line so ours starts clean. */
  private async cutTornTailOnce(path: string): Promise<void> {
    if (this.checkedTails.has(path)) return;
    this.checkedTails.add(path);
    const file = await open(path, 'a+').catch(() => undefined);
    if (!file) return;
    try {
      const { size } = await file.stat();
      const tail = await readTail(file, size);
      if (tail === undefined) return;
      if (isRecord(tail.text)) {
        await file.write('\n', size);
        return;
      }
      await file.truncate(tail.start);
      this.warn(
        `${path}: cut a torn last line of ${size - tail.start} bytes (an append was interrupted).`,
      );
    } finally {
      await file.close();
    }
  }
}

// --- internal ---

/** The registry's rule for model names, which also makes them safe file names. */
const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const TAIL_CHUNK = 64 * 1024;

type FileHandle = Awaited<ReturnType<typeof open>>;

/** The bytes after the last newline (undefined when the file is empty or ends with one). */
async function readTail(
  file: FileHandle,
  size: number,
): Promise<{ start: number; text: string } | undefined> {
  const parts: Buffer[] = [];
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const chunk = Buffer.alloc(end - start);
    await file.read(chunk, 0, chunk.length, start);
    const newline = chunk.lastIndexOf(0x0a);
    if (newline !== -1) {
      parts.unshift(chunk.subarray(newline + 1));
      const tail = Buffer.concat(parts);
      return tail.length === 0 ? undefined : { start: start + newline + 1, text: tail.toString() };
    }
    parts.unshift(chunk);
    end = start;
  }
  return parts.length === 0 ? undefined : { start: 0, text: Buffer.concat(parts).toString() };
}

function isRecord(text: string): boolean {
  try {
    checkFeedbackRecord(JSON.parse(text), 'tail');
    return true;
  } catch {
    return false;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** The contract's key order, so files diff and read the same whoever wrote them. */
function toContractOrder(record: FeedbackRecord): FeedbackRecord {
  return {
    predictionId: record.predictionId,
    model: record.model,
    version: record.version,
    variant: record.variant,
    ...(record.task === undefined ? {} : { task: record.task }),
    predictedAt: record.predictedAt,
    labelledAt: record.labelledAt,
    probability: record.probability,
    predicted: record.predicted,
    label: record.label,
    features: record.features,
  } as FeedbackRecord;
}
