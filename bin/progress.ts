import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes, --json runs). */
export interface Progress {
  update(bytes: number, records: number): void;
  stop(): void;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function createProgress(totalBytes: number, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled || totalBytes <= 0) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        '{bar} {percentage}% | {done} / {size} | {records} records | {rate} rec/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes, 0, { done: formatBytes(0), size: formatBytes(totalBytes), records: 0, rate: 0 });
  return {
    update(bytes, records) {
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(Math.min(bytes, totalBytes), {
        done: formatBytes(bytes),
        size: formatBytes(totalBytes),
        records,
        rate: Math.round(records / seconds),
      });
    },
    stop() {
      bar.stop();
    },
  };
}
