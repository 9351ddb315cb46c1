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

  it('shows the validation RMSE in the target units for regression', () => {
    const lines: string[] = [];
    const progress = createTrainingProgress((line) => lines.push(line), createStream(false));
    progress.epoch({ epoch: 2, loss: 0.3, valLoss: 0.25, valRmse: 12_345.678, seconds: 0.5 }, 10);
    progress.epoch({ epoch: 3, loss: 0.3, valLoss: 0.25, valRmse: 0.012345, seconds: 0.5 }, 10);
    expect(lines).toEqual([
      'epoch 2/10 loss 0.3000 | val_loss 0.2500 | val_rmse 12345.7 | 0.5s',
      'epoch 3/10 loss 0.3000 | val_loss 0.2500 | val_rmse 0.01235 | 0.5s',
    ]);
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
