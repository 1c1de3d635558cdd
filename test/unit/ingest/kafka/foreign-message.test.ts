import type { IHeaders } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createEnvelope, encodeEnvelope, sha256Hex, stableRecordId } from '../../../../lib/envelope.js';
import { ProcessingError } from '../../../../lib/errors.js';
import { decodeRawMessage, type RawMessage } from '../../../../ingest/kafka/foreign-message.js';

const raw = {
  resume: 'tb.raw.resumes',
  patent: 'tb.raw.patents',
  filing: 'tb.raw.filings',
  'profile-page': 'tb.raw.profile-pages',
  publication: 'tb.raw.publications',
} as const;

/** A made-up JSON Resume. */
const resume = JSON.stringify({
  basics: { name: 'Mirela Vasquez-Okafor', email: 'mirela@example.test', label: 'Battery chemist' },
  work: [{ name: 'Lumen Cells Ltd', position: 'Senior scientist', startDate: '2019-03' }],
});

function message(value: Buffer | string, headers: IHeaders = {}, topic: string = raw.resume): RawMessage {
  return {
    value: Buffer.from(value),
    headers,
    topic,
    partition: 2,
    offset: '41',
    timestamp: String(Date.parse('2026-03-01T10:00:00Z')),
  };
}

function rejection(run: () => unknown): ProcessingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProcessingError);
    expect((error as ProcessingError).code).toBe('invalid-envelope');
    return error as ProcessingError;
  }
  throw new Error('expected a decode error');
}

const binaryHeaders = {
  ce_specversion: Buffer.from('1.0'),
  ce_id: Buffer.from('evt-0001'),
  ce_source: Buffer.from('urn:example:hr-export'),
  ce_type: Buffer.from('com.example.resume.exported'),
  ce_time: Buffer.from('2026-02-14T08:30:00Z'),
  ce_subject: Buffer.from('candidate/77'),
  'content-type': Buffer.from('application/json'),
};

describe('raw-topic messages from other producers', () => {
  it('keeps decoding the project’s own envelope, with or without its content-type header', () => {
    const envelope = createEnvelope({
      sourceKind: 'patent',
      origin: { uri: 'test:own' },
      contentType: 'application/xml',
      body: Buffer.from('<us-patent-grant/>'),
    });
    const bytes = encodeEnvelope(envelope);
    expect(decodeRawMessage(message(bytes), raw)).toEqual(envelope);
    const headers = { 'content-type': 'application/vnd.talent-brain.envelope+json;v=1' };
    expect(decodeRawMessage(message(bytes, headers), raw)).toEqual(envelope);
    // A broken envelope that says it is one is still the envelope's error.
    expect(rejection(() => decodeRawMessage(message('{"schemaVersion":1}', headers), raw)).message).toMatch(
      /envelope field/,
    );
  });

  it('maps a binary-mode CloudEvent: the value is the document, ce_* headers its metadata', () => {
    const envelope = decodeRawMessage(message(resume, binaryHeaders), raw);
    expect(envelope.body.toString()).toBe(resume);
    expect(envelope.sourceKind).toBe('resume');
    expect(envelope.format).toBeNull();
    expect(envelope.contentType).toBe('application/json');
    expect(envelope.fetchedAt).toBe('2026-02-14T08:30:00.000Z');
    expect(envelope.origin).toEqual({
      uri: 'urn:example:hr-export',
      topic: raw.resume,
      partition: 2,
      offset: '41',
    });
    expect(envelope.id).toBe(stableRecordId('resume', 'cloudevent:urn:example:hr-export#evt-0001'));
    expect(envelope.checksum).toBe(`sha256:${sha256Hex(resume)}`);
    // Redelivered at another offset, the same event is the same record.
    const again = decodeRawMessage({ ...message(resume, binaryHeaders), offset: '900', partition: 0 }, raw);
    expect(again.id).toBe(envelope.id);
  });

  it('takes the source kind and format from hints over the topic, and the broker time without ce_time', () => {
    const { ce_time: _time, ...untimed } = binaryHeaders;
    const envelope = decodeRawMessage(
      message('<us-patent-grant/>', {
        ...untimed,
        'content-type': 'application/xml',
        ce_talentformat: 'uspto-xml',
      }),
      raw,
    );
    expect(envelope.sourceKind).toBe('patent');
    expect(envelope.format).toBe('uspto-xml');
    expect(envelope.fetchedAt).toBe('2026-03-01T10:00:00.000Z');
    const hinted = decodeRawMessage(
      message(resume, { ...binaryHeaders, 'talent-source-kind': 'profile-page' }, 'elsewhere'),
      raw,
    );
    expect(hinted.sourceKind).toBe('profile-page');
  });

  it('maps a structured-mode CloudEvent with data (JSON or text) or data_base64', () => {
    const headers = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
    const event = {
      specversion: '1.0',
      id: 'evt-7',
      source: '/hr/export',
      type: 'com.example.resume',
      datacontenttype: 'application/json',
      data: JSON.parse(resume) as unknown,
    };
    const json = decodeRawMessage(message(JSON.stringify(event), headers), raw);
    expect(JSON.parse(json.body.toString())).toEqual(JSON.parse(resume));
    expect(json.id).toBe(stableRecordId('resume', 'cloudevent:/hr/export#evt-7'));
    expect(json.origin.uri).toBe('/hr/export');

    const xml = '<us-patent-grant><b>é</b></us-patent-grant>';
    const text = decodeRawMessage(
      message(
        JSON.stringify({ ...event, datacontenttype: 'application/xml', data: xml }),
        headers,
        raw.patent,
      ),
      raw,
    );
    expect(text.body.toString()).toBe(xml);
    expect(text.sourceKind).toBe('patent');
    expect(text.contentType).toBe('application/xml');

    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK: bytes that are not UTF-8
    const { data: _data, ...bare } = event;
    const binary = decodeRawMessage(
      message(
        JSON.stringify({
          ...bare,
          datacontenttype: 'text/plain; charset=gbk',
          data_base64: gbk.toString('base64'),
        }),
        headers,
      ),
      raw,
    );
    expect(binary.body.equals(gbk)).toBe(true);
    expect(binary.contentType).toBe('text/plain; charset=gbk');
  });

  it('maps a plain document with a content-type header; its id follows its content', () => {
    const headers = { 'content-type': 'application/json' };
    const first = decodeRawMessage(message(resume, headers), raw);
    expect(first.sourceKind).toBe('resume');
    expect(first.origin).toEqual({ topic: raw.resume, partition: 2, offset: '41' });
    expect(first.id).toBe(stableRecordId('resume', `content:sha256:${sha256Hex(resume)}`));
    expect(first.fetchedAt).toBe('2026-03-01T10:00:00.000Z');
    const same = decodeRawMessage({ ...message(resume, headers), offset: '7' }, raw);
    expect(same.id).toBe(first.id);
    const other = decodeRawMessage(message(resume.replace('Mirela', 'Mirella'), headers), raw);
    expect(other.id).not.toBe(first.id);
    const hinted = decodeRawMessage(
      message('<x/>', { 'content-type': 'text/xml', 'talent-format': 'orcid-xml' }, 'some.other.topic'),
      raw,
    );
    expect(hinted.sourceKind).toBe('publication');
    expect(hinted.format).toBe('orcid-xml');
  });

  it('rejects what fits no accepted form, saying why', () => {
    expect(rejection(() => decodeRawMessage(message('this is not an envelope'), raw)).message).toMatch(
      /not an envelope, a CloudEvent .* nor a document with a content-type header/,
    );
    const { ce_id: _id, ...noId } = binaryHeaders;
    expect(rejection(() => decodeRawMessage(message(resume, noId), raw)).location).toBe('id');
    const { ce_source: _source, ...noSource } = binaryHeaders;
    expect(rejection(() => decodeRawMessage(message(resume, noSource), raw)).location).toBe('source');
    const { ce_type: _type, ...noType } = binaryHeaders;
    expect(rejection(() => decodeRawMessage(message(resume, noType), raw)).location).toBe('type');
    expect(
      rejection(() => decodeRawMessage(message(resume, { ...binaryHeaders, ce_specversion: '0.3' }), raw))
        .message,
    ).toMatch(/specversion 0\.3 is not supported/);
    expect(rejection(() => decodeRawMessage(message('', binaryHeaders), raw)).message).toMatch(/no document/);
    expect(
      rejection(() =>
        decodeRawMessage(message(resume, { ...binaryHeaders, 'talent-source-kind': 'tweet' }), raw),
      ).location,
    ).toBe('talent-source-kind');
    expect(
      rejection(() => decodeRawMessage(message(resume, { ...binaryHeaders, 'talent-format': 'docx' }), raw))
        .location,
    ).toBe('talent-format');
    expect(
      rejection(() =>
        decodeRawMessage(message(resume, { 'content-type': 'application/json' }, 'unknown.topic'), raw),
      ).message,
    ).toMatch(/not a raw topic/);

    const structured = { 'content-type': 'application/cloudevents+json' };
    const event = { specversion: '1.0', id: 'e', source: 's', type: 't' };
    expect(rejection(() => decodeRawMessage(message('{"specversion":', structured), raw)).message).toMatch(
      /not valid JSON/,
    );
    expect(rejection(() => decodeRawMessage(message('[1]', structured), raw)).message).toMatch(
      /not a JSON object/,
    );
    expect(rejection(() => decodeRawMessage(message(JSON.stringify(event), structured), raw)).location).toBe(
      'data',
    );
    expect(
      rejection(() =>
        decodeRawMessage(message(JSON.stringify({ ...event, data_base64: '@@@' }), structured), raw),
      ).location,
    ).toBe('data_base64');
    expect(
      rejection(() =>
        decodeRawMessage(message(JSON.stringify({ ...event, id: 3, data: {} }), structured), raw),
      ).location,
    ).toBe('id');
    expect(
      rejection(() =>
        decodeRawMessage(message('[]', { 'content-type': 'application/cloudevents-batch+json' }), raw),
      ).message,
    ).toMatch(/batches are not accepted/);
  });
});
