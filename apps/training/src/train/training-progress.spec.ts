import { Writable } from 'node:stream';
import { createTrainingProgress } from './training-progress.js';

const entry = { epoch: 1, loss: 0.51234, valLoss: 0.49876, valRocAuc: 0.81234, seconds: 1.25 };

function createStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  stream.text = '';
  stream.isTTY = isTTY;
  stream.columns = 160;
  stream.cursorTo = () => true;
  stream.clearLine = () => true;
  stream.moveCursor = () => true;
  return stream;
}

describe('createTrainingProgress', () => {
  it('logs one plain line per epoch when stderr is not a terminal (CI)', () => {
    const lines: string[] = [];
    const progress = createTrainingProgress((line) => lines.push(line), createStream(false));
    progress.epoch(entry, 30);
    progress.stop();
    expect(lines).toEqual(['epoch 1/30 loss 0.5123 | val_loss 0.4988 | val_auc 0.8123 | 1.3s']);
  });

  it('draws a progress bar with the epoch figures on a terminal, logging nothing', () => {
    const lines: string[] = [];
    const stream = createStream(true);
    const progress = createTrainingProgress((line) => lines.push(line), stream);
    progress.epoch(entry, 30);
    progress.stop();
    expect(lines).toEqual([]);
    expect(stream.text).toContain('epoch 1/30 | loss 0.5123 | val_loss 0.4988 | val_auc 0.8123');
  });
});
