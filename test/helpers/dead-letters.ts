import type { DeadLetterSink, RejectedRecord } from '../../ingest/commit-batch.js';

/** A dead-letter sink that keeps what it is given, for tests that look at the rejects. */
export function collectDeadLetters(): DeadLetterSink & { readonly rejected: RejectedRecord[] } {
  const rejected: RejectedRecord[] = [];
  return {
    rejected,
    put(records) {
      rejected.push(...records);
      return Promise.resolve();
    },
  };
}
