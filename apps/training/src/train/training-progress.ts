import cliProgress from 'cli-progress';

/** One epoch's figures, as the progress display and train-result.json show them. */
export interface EpochLog {
  epoch: number;
  /** Training loss (class-weighted, with the L2 penalty), as the optimiser saw it. */
  loss: number;
  /**
   * The training objective on the validation split: cross-entropy with the training class
   * weights, or the regression loss on the standardised target.
   */
  valLoss: number;
  /** Binary ROC AUC, or multiclass one-vs-rest macro ROC AUC. */
  valRocAuc?: number;
  /** Regression RMSE in the target's own units. */
  valRmse?: number;
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

function formatEpoch({ loss, valLoss, valRocAuc, valRmse, seconds }: EpochLog): string {
  const metric =
    valRocAuc !== undefined
      ? ` | val_auc ${valRocAuc.toFixed(4)}`
      : valRmse !== undefined
        ? ` | val_rmse ${formatNumber(valRmse)}`
        : '';
  return `loss ${loss.toFixed(4)} | val_loss ${valLoss.toFixed(4)}${metric} | ${seconds.toFixed(1)}s`;
}

// An RMSE in the target's units may be 0.0123 or 12,345.6: four significant digits either way.
function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
}
