import type { Logger } from './logger.js';

/** A long-lived part of the pipeline. `close()` drains in-flight work before it resolves. */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts components in order and closes them in reverse, once, on SIGTERM/SIGINT or on demand.
 * Closing in reverse matters: a consumer must stop feeding the indexer before the indexer flushes.
 */
export class Lifecycle {
  private readonly started: Component[] = [];
  private closing: Promise<void> | undefined;
  private readonly removeSignalHandlers: Array<() => void> = [];

  constructor(
    private readonly logger: Logger,
    /**
     * Upper bound for the whole shutdown, in milliseconds; past it the process exits anyway (1).
     * Infinity: no bound (a worker finishing its chunk waits for the index as long as it takes).
     */
    private readonly shutdownTimeoutMs = 30_000,
  ) {}

  /** True once closing has begun (a signal arrived, or close() was called). */
  get stopping(): boolean {
    return this.closing !== undefined;
  }

  /** Registers a part started elsewhere, closed with the others (in reverse order of registration). */
  own(name: string, close: () => Promise<void> | void): void {
    this.started.push({ name, start: () => Promise.resolve(), close: async () => close() });
  }

  async start(...components: Component[]): Promise<void> {
    for (const component of components) {
      await component.start();
      this.started.push(component);
      this.logger.debug({ component: component.name }, 'component.started');
    }
  }

  /** Installs the signal handlers; a second signal while closing forces an immediate exit. */
  handleSignals(onClosed: (code: number) => void = (code) => process.exit(code)): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const handler = (): void => {
        if (this.closing) {
          this.logger.warn({ signal }, 'shutdown.forced');
          onClosed(130);
          return;
        }
        this.logger.info({ signal }, 'shutdown.begin');
        if (Number.isFinite(this.shutdownTimeoutMs))
          setTimeout(() => {
            this.logger.error({ timeoutMs: this.shutdownTimeoutMs }, 'shutdown.timeout');
            onClosed(1);
          }, this.shutdownTimeoutMs).unref();
        void this.close().then(
          () => onClosed(0),
          () => onClosed(1),
        );
      };
      process.on(signal, handler);
      this.removeSignalHandlers.push(() => process.off(signal, handler));
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const remove of this.removeSignalHandlers) remove();
      let firstError: unknown;
      for (const component of [...this.started].reverse()) {
        try {
          await component.close();
          this.logger.debug({ component: component.name }, 'component.closed');
        } catch (error) {
          firstError ??= error;
          this.logger.error({ component: component.name, err: error }, 'component.close_failed');
        }
      }
      if (firstError !== undefined) throw firstError;
    })();
    return this.closing;
  }
}

/**
 * For a command that stops cleanly after the work in flight (ingest, a one-off crawl): the first
 * SIGTERM/SIGINT aborts `signal`, which the work checks between batches; a second one exits at
 * once with 130 (what is committed stays; the rerun continues). `dispose()` removes the handlers.
 */
export function abortOnSignals(logger: Logger, event: string): { signal: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, event);
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    signal: stop.signal,
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
