import { Writable } from 'node:stream';
import { createProgress } from './create-progress.js';

// Spinner frames (unicode and ASCII fallbacks) and the cursor codes a spinner writes.
const ESC = String.fromCharCode(27);
const SPINNER_NOISE = new RegExp(`[◒◐◓◑]|${ESC}\\[\\?25[lh]|${ESC}\\[\\d*[AGK]|\\r`);

function recorder(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & { isTTY: boolean; text: () => string; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 80;
  stream.text = () => chunks.join('');
  return stream;
}

describe('createProgress', () => {
  it('writes plain lines without a terminal: no spinner frames, no cursor codes', () => {
    const output = recorder(false);
    const progress = createProgress(output);
    progress.start('Installing dependencies (npm install)');
    progress.stop('Installed dependencies in 1.0 s');
    progress.start('Inferring the schema');
    progress.fail('npm install failed');
    const text = output.text();
    expect(text).not.toMatch(SPINNER_NOISE);
    expect(text).toMatch(/Installing dependencies \(npm install\)\.\.\.\n/);
    expect(text).toMatch(/Installed dependencies in 1\.0 s\n/);
    expect(text).toMatch(/npm install failed\n/);
  });

  it('animates a spinner on a terminal (what the plain lines replace)', async () => {
    const output = recorder(true);
    const progress = createProgress(output);
    progress.start('Installing dependencies (npm install)');
    await new Promise((resolve) => setTimeout(resolve, 250));
    progress.stop('Installed dependencies in 0.3 s');
    expect(output.text()).toMatch(SPINNER_NOISE);
  });
});
