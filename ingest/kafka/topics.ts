import type { Config } from '../../config/load.js';
import type { SourceKind } from '../../lib/envelope.js';

/** Topic names, from `kafka.topicPrefix`: one raw topic per source kind, plus erasure and dead letters. */
export interface Topics {
  raw: Record<SourceKind, string>;
  /** Erasure requests: key = profile id; the worker deletes the profile, its evidence and mentions. */
  erasure: string;
  /** Dead letters: records that could not be processed or indexed, with reason, stage and origin. */
  deadLetters: string;
  /**
   * Between the stages (ingest/kafka/stages/): parsed mentions keyed by their owner (ownership.ts),
   * and the resolve stage's compacted changelog, partitioned like the mentions topic.
   */
  mentions: string;
  changelog: string;
  /** The bridge registry of the cross-owner join (stages/bridge-registry.ts), compacted. */
  bridges: string;
}

export function topicsOf(config: Readonly<Config>): Topics {
  const p = config.kafka.topicPrefix;
  return {
    raw: {
      resume: `${p}.raw.resumes`,
      patent: `${p}.raw.patents`,
      filing: `${p}.raw.filings`,
      'profile-page': `${p}.raw.profile-pages`,
      publication: `${p}.raw.publications`,
    },
    erasure: `${p}.erasure`,
    deadLetters: `${p}.dlq`,
    mentions: `${p}.mentions`,
    changelog: `${p}.resolve-changelog`,
    bridges: `${p}.bridges`,
  };
}

export function rawTopics(topics: Topics): string[] {
  return Object.values(topics.raw);
}
