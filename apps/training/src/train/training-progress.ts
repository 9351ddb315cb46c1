import cliProgress from 'cli-progress';

/** One epoch's figures, as the progress display and train-result.json show them. */
export interface EpochLog {
  epoch: number;
  /** Training loss (class-weighted, with the L2 penalty), as the optimiser saw it. */
  loss: number;
  /** Binary cross-entropy on the validation split, with the training class weights. */
  valLoss: number;
  valRocAuc: number;
  seconds: number;
}

export interface TrainingProgress {
  epoch(log: EpochLog, totalEpochs: number): void;
  stop(): void;
}

/**
 * A progress bar with the epoch's loss and validation metrics when stderr is a terminal,
 * one plain line per epoch otherwise (CI logs).
 */
export function createTrainingProgress(
  log: (line: string) => void,
  stream: NodeJS.WriteStream = process.stderr,
): TrainingProgress {
  if (!stream.isTTY) {
    return {
      epoch: (entry, total) => log(`epoch ${entry.epoch}/${total} ${formatEpoch(entry)}`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'training |{bar}| epoch {value}/{total} | {figures}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    epoch(entry, total) {
      if (!started) bar.start(total, 0, { figures: '' });
      started = true;
      bar.update(entry.epoch, { figures: formatEpoch(entry) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function formatEpoch({ loss, valLoss, valRocAuc, seconds }: EpochLog): string {
  return `loss ${loss.toFixed(4)} | val_loss ${valLoss.toFixed(4)} | val_auc ${valRocAuc.toFixed(4)} | ${seconds.toFixed(1)}s`;
}
