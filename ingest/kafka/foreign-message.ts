import type { IHeaders } from 'kafkajs';
import {
  createEnvelope,
  decodeEnvelope,
  formatNames,
  sha256Hex,
  sourceKindOfFormat,
  sourceKinds,
  type FormatName,
  type RecordEnvelope,
  type RecordOrigin,
  type SourceKind,
} from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';

/**
 * A raw topic's message as whoever produced it sent it. Besides the project's own envelope, a raw
 * topic accepts what other pipelines produce (docs/distributed.md, "Producers that are not ours"):
 *
 * - a CloudEvent 1.0 in the Kafka binding's binary mode: `ce_*` headers, the document as the value;
 * - a CloudEvent in structured mode: `content-type: application/cloudevents+json`, `data`/`data_base64`;
 * - a plain document with a `content-type` header.
 *
 * Each is mapped to an envelope here, so the stages after decode see one shape. What fits none of
 * them is a {@link ProcessingError} `invalid-envelope`: the caller dead-letters it with its bytes.
 */
export interface RawMessage {
  value: Buffer;
  headers?: IHeaders | undefined;
  topic: string;
  partition: number;
  offset: string;
  /** The broker's timestamp (ms since the epoch, as kafkajs gives it): fetchedAt when the event has no time. */
  timestamp?: string | undefined;
}

/** Our own publisher's media type; a message without any content-type is read as an envelope too. */
const ENVELOPE_MEDIA_TYPE = 'application/vnd.talent-brain.envelope+json';
const STRUCTURED_MEDIA_TYPE = 'application/cloudevents+json';
const BATCH_MEDIA_TYPE = 'application/cloudevents-batch+json';
/** Hints a producer may add (as headers, or as CloudEvents extension attributes). */
const SOURCE_KIND_HINT = 'talent-source-kind';
const FORMAT_HINT = 'talent-format';
const SOURCE_KIND_EXTENSION = 'talentsourcekind';
const FORMAT_EXTENSION = 'talentformat';

function invalid(message: string, location?: string): ProcessingError {
  return new ProcessingError('invalid-envelope', message, location === undefined ? {} : { location });
}

/** Header names are case-insensitive in practice (producers differ); a repeated header keeps its last value. */
function headerMap(headers: IHeaders | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (last === undefined) continue;
    out.set(name.toLowerCase(), typeof last === 'string' ? last : last.toString('utf8'));
  }
  return out;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The source kind and format: a hint wins, then the format's kind, then the raw topic's kind. */
function kindAndFormat(
  rawTopics: Readonly<Record<SourceKind, string>>,
  topic: string,
  kindHint: string | undefined,
  formatHint: string | undefined,
): { sourceKind: SourceKind; format: FormatName | null } {
  let format: FormatName | null = null;
  if (formatHint !== undefined) {
    if (!(formatNames as readonly string[]).includes(formatHint))
      throw invalid(`unknown format hint "${formatHint}" (one of ${formatNames.join(', ')})`, FORMAT_HINT);
    format = formatHint as FormatName;
  }
  if (kindHint !== undefined) {
    if (!(sourceKinds as readonly string[]).includes(kindHint))
      throw invalid(
        `unknown source kind hint "${kindHint}" (one of ${sourceKinds.join(', ')})`,
        SOURCE_KIND_HINT,
      );
    return { sourceKind: kindHint as SourceKind, format };
  }
  if (format !== null) return { sourceKind: sourceKindOfFormat[format], format };
  const fromTopic = (Object.entries(rawTopics) as Array<[SourceKind, string]>).find(([, t]) => t === topic);
  if (fromTopic === undefined)
    throw invalid(
      `topic ${topic} is not a raw topic and the message names no source kind (${SOURCE_KIND_HINT})`,
    );
  return { sourceKind: fromTopic[0], format };
}

/** The event's time when it is a valid timestamp, else the broker's, else now. */
function fetchedAtOf(time: string | undefined, timestamp: string | undefined): Date {
  const fromEvent = time === undefined ? Number.NaN : Date.parse(time);
  if (!Number.isNaN(fromEvent)) return new Date(fromEvent);
  const fromBroker = timestamp === undefined ? Number.NaN : Number(timestamp);
  return Number.isFinite(fromBroker) && fromBroker > 0 ? new Date(fromBroker) : new Date();
}

interface ForeignRecord {
  body: Buffer;
  contentType: string;
  /** CloudEvents `source` and `id`; absent for a plain document (its content is its identity). */
  eventSource?: string;
  eventId?: string;
  time?: string;
  kindHint?: string;
  formatHint?: string;
}

function toEnvelope(
  message: RawMessage,
  rawTopics: Readonly<Record<SourceKind, string>>,
  record: ForeignRecord,
): RecordEnvelope {
  if (record.body.length === 0) throw invalid('the message carries no document (empty value or data)');
  const { sourceKind, format } = kindAndFormat(rawTopics, message.topic, record.kindHint, record.formatHint);
  const origin: RecordOrigin = {
    ...(record.eventSource !== undefined ? { uri: record.eventSource } : {}),
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
  };
  // Stable across redelivery and republishing: CloudEvents' source + id is unique per event by
  // the spec; a plain document has only its content, so the same bytes are the same record.
  const identity =
    record.eventSource !== undefined && record.eventId !== undefined
      ? `cloudevent:${record.eventSource}#${record.eventId}`
      : `content:sha256:${sha256Hex(record.body)}`;
  return createEnvelope({
    sourceKind,
    format,
    origin,
    body: record.body,
    contentType: record.contentType,
    fetchedAt: fetchedAtOf(record.time, message.timestamp),
    identity,
  });
}

function requiredAttribute(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(`CloudEvent (${where}) has no ${name} attribute`, name);
  return value;
}

function checkSpecVersion(version: string): void {
  if (version !== '1.0')
    throw invalid(`CloudEvents specversion ${version} is not supported (only 1.0)`, 'specversion');
}

function binaryEvent(headers: Map<string, string>): Omit<ForeignRecord, 'body'> {
  const ce = (name: string): string | undefined => headers.get(`ce_${name}`);
  checkSpecVersion(requiredAttribute(ce('specversion'), 'specversion', 'binary mode'));
  const eventId = requiredAttribute(ce('id'), 'id', 'binary mode');
  const eventSource = requiredAttribute(ce('source'), 'source', 'binary mode');
  requiredAttribute(ce('type'), 'type', 'binary mode');
  const time = ce('time');
  const kindHint = headers.get(SOURCE_KIND_HINT) ?? ce(SOURCE_KIND_EXTENSION);
  const formatHint = headers.get(FORMAT_HINT) ?? ce(FORMAT_EXTENSION);
  return {
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    eventId,
    eventSource,
    ...(time !== undefined ? { time } : {}),
    ...(kindHint !== undefined ? { kindHint } : {}),
    ...(formatHint !== undefined ? { formatHint } : {}),
  };
}

function structuredEvent(value: Buffer, headers: Map<string, string>): ForeignRecord {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    throw invalid('structured CloudEvent is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid('structured CloudEvent is not a JSON object');
  const event = json as Record<string, unknown>;
  checkSpecVersion(requiredAttribute(event.specversion, 'specversion', 'structured mode'));
  const eventId = requiredAttribute(event.id, 'id', 'structured mode');
  const eventSource = requiredAttribute(event.source, 'source', 'structured mode');
  requiredAttribute(event.type, 'type', 'structured mode');
  const contentType = typeof event.datacontenttype === 'string' ? event.datacontenttype : 'application/json';
  let body: Buffer;
  if (typeof event.data_base64 === 'string') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(event.data_base64.replace(/\s/g, '')))
      throw invalid('structured CloudEvent data_base64 is not base64', 'data_base64');
    body = Buffer.from(event.data_base64, 'base64');
  } else if (event.data !== undefined && event.data !== null) {
    // A JSON document travels as JSON; a text document (XML, HTML) as a JSON string of its text.
    const textual = typeof event.data === 'string' && !/[/+]json$/i.test(mediaType(contentType));
    body = Buffer.from(textual ? (event.data as string) : JSON.stringify(event.data));
  } else throw invalid('structured CloudEvent has neither data nor data_base64', 'data');
  const time = typeof event.time === 'string' ? event.time : undefined;
  const kindHint = headers.get(SOURCE_KIND_HINT) ?? (event[SOURCE_KIND_EXTENSION] as string | undefined);
  const formatHint = headers.get(FORMAT_HINT) ?? (event[FORMAT_EXTENSION] as string | undefined);
  return {
    body,
    contentType,
    eventId,
    eventSource,
    ...(time !== undefined ? { time } : {}),
    ...(typeof kindHint === 'string' ? { kindHint } : {}),
    ...(typeof formatHint === 'string' ? { formatHint } : {}),
  };
}

/**
 * Decodes one raw-topic message into an envelope, whichever accepted form it is in. Throws a
 * {@link ProcessingError} `invalid-envelope` saying which form was recognised and what is wrong.
 */
export function decodeRawMessage(
  message: RawMessage,
  rawTopics: Readonly<Record<SourceKind, string>>,
): RecordEnvelope {
  const headers = headerMap(message.headers);
  if (headers.has('ce_specversion'))
    return toEnvelope(message, rawTopics, { ...binaryEvent(headers), body: message.value });
  const contentType = headers.get('content-type');
  const media = contentType === undefined ? undefined : mediaType(contentType);
  if (media === undefined || media === ENVELOPE_MEDIA_TYPE) {
    try {
      return decodeEnvelope(message.value);
    } catch (error) {
      if (media !== undefined) throw error;
      throw invalid(
        `not an envelope, a CloudEvent (ce_specversion header, or content-type ${STRUCTURED_MEDIA_TYPE}) ` +
          `nor a document with a content-type header: ${(error as Error).message}`,
      );
    }
  }
  if (media === BATCH_MEDIA_TYPE)
    throw invalid('CloudEvents batches are not accepted; send one event per message');
  if (media === STRUCTURED_MEDIA_TYPE)
    return toEnvelope(message, rawTopics, structuredEvent(message.value, headers));
  const kindHint = headers.get(SOURCE_KIND_HINT);
  const formatHint = headers.get(FORMAT_HINT);
  return toEnvelope(message, rawTopics, {
    body: message.value,
    contentType: contentType as string,
    ...(kindHint !== undefined ? { kindHint } : {}),
    ...(formatHint !== undefined ? { formatHint } : {}),
  });
}
