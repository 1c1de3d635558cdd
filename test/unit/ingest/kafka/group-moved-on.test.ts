import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { groupMovedOn } from '../../../../ingest/kafka/chunk-consumer.js';

/** An offset commit refused because the group moved on: kafkajs wraps the broker's error in its retrier's. */
function refusedCommit(type: string): Error {
  const protocol = Object.assign(new KafkaJSProtocolError(`broker says ${type}`), { type });
  // The typings omit the options argument the runtime takes (src/errors.js).
  const Wrapper = KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error;
  return new Wrapper(protocol, { cause: protocol });
}

describe('groupMovedOn', () => {
  it('finds the rebalance or eviction behind the retrier’s wrapper, so kafkajs rejoins instead of crashing', () => {
    for (const type of ['UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION']) {
      const found = groupMovedOn(refusedCommit(type)) as { type?: string } | undefined;
      expect(found?.type, type).toBe(type);
    }
  });

  it('leaves every other failure to the worker’s own handling', () => {
    expect(groupMovedOn(refusedCommit('TOPIC_AUTHORIZATION_FAILED'))).toBeUndefined();
    expect(groupMovedOn(new Error('connection refused'))).toBeUndefined();
    expect(groupMovedOn(undefined)).toBeUndefined();
  });
});
