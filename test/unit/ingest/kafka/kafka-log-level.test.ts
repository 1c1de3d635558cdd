import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogLevel } from '../../../../ingest/kafka/client.js';

describe('kafkajs log levels', () => {
  it('logs a normal rebalance at info, not error', () => {
    const rejoin = 'The group is rebalancing, so a rejoin is needed';
    expect(kafkaLogLevel(logLevel.ERROR, 'Response Heartbeat(key: 12, version: 3)', rejoin)).toBe('info');
    expect(kafkaLogLevel(logLevel.ERROR, 'Response SyncGroup(key: 14, version: 3)', rejoin)).toBe('info');
    expect(kafkaLogLevel(logLevel.WARN, 'The group is rebalancing, re-joining', rejoin)).toBe('info');
  });

  it('logs a member the coordinator dropped at warn: it rejoins by itself', () => {
    const dropped = 'The coordinator is not aware of this member';
    expect(kafkaLogLevel(logLevel.ERROR, 'Response OffsetCommit(key: 8, version: 5)', dropped)).toBe('warn');
  });

  it('keeps real failures at error', () => {
    expect(
      kafkaLogLevel(
        logLevel.ERROR,
        'Crash: KafkaJSNonRetriableError: The coordinator is not aware of this member',
      ),
    ).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:19092')).toBe(
      'error',
    );
    expect(
      kafkaLogLevel(logLevel.ERROR, 'Response Produce(key: 0, version: 7)', 'Topic authorization failed'),
    ).toBe('error');
    expect(kafkaLogLevel(logLevel.INFO, 'Consumer has joined the group')).toBe('info');
  });
});
