import type { DocumentInfo, PersonMention } from '../../../processors/model/mention.js';

/**
 * A message of the mentions topic: the mentions one source record holds for one owner, with what
 * the resolve stage needs of the record (its checksum, to skip it when it comes again unchanged).
 * A record whose people have several owners is one message per owner, each keyed by its owner.
 */
export interface MentionMessage {
  schemaVersion: 1;
  sourceId: string;
  checksum: string;
  fetchedAt: string;
  document: DocumentInfo;
  mentions: PersonMention[];
}

export function encodeMentionMessage(m: Omit<MentionMessage, 'schemaVersion'>): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 1, ...m }));
}

export function decodeMentionMessage(value: Buffer): MentionMessage {
  const m = JSON.parse(value.toString('utf8')) as Partial<MentionMessage>;
  if (m.schemaVersion !== 1 || typeof m.sourceId !== 'string' || !Array.isArray(m.mentions))
    throw new Error(`not a mention message (schemaVersion ${String(m.schemaVersion)})`);
  return m as MentionMessage;
}
