import { describe, expect, it } from 'vitest';
import { ProcessingError } from '../../../../lib/errors.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { jsonResumeParser } from '../../../../processors/resume/json-resume-parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { rejectionOf } from '../../../helpers/outcomes.js';

/** Made-up résumés of fictional people. */
const base = {
  basics: {
    name: 'Ines Varga',
    label: 'Research Engineer',
    email: 'ines.varga@example.org',
    website: 'https://ines.example.org',
    location: 'Graz, Styria, Austria',
    profiles: [
      { network: 'ORCID', username: '0000-0002-1825-009X', url: '' },
      { network: 'GitHub', username: 'ivarga', url: 'https://github.com/ivarga' },
    ],
  },
  work: [
    { company: 'Nordlicht Robotics', position: 'Staff Engineer', startDate: 'May 2019', endDate: 'Present' },
    {
      name: 'Alpenglow Labs',
      position: 'Engineer',
      startDate: '2016',
      endDate: '2019',
      highlights: 'Built the SLAM stack',
    },
  ],
  education: [{ institution: 'TU Graz', studyType: 'PhD', area: 'Robotics', startDate: '', endDate: '2016' }],
  skills: [{ name: 'Robotics', keywords: ['ROS', 'SLAM', 'robotics'] }],
  awards: [
    { title: 'IEEE Fellow', awarder: 'IEEE', date: '2024' },
    { title: 'Best Paper Award', awarder: 'ICRA' },
    { title: 'Graduate Research Fellowship', awarder: 'FWF' },
  ],
  hots: [{ anything: true }],
};

function parse(body: string | Buffer): ParseOutcome {
  return jsonResumeParser.parse(envelopeOf(body, 'json-resume'), defaultParseLimits);
}

function rejection(body: string | Buffer): ProcessingError {
  const error = rejectionOf(() => parse(body));
  expect(error).toBeInstanceOf(ProcessingError);
  return error;
}

describe('jsonResumeParser.detect', () => {
  it('recognises JSON Resume heads', () => {
    expect(jsonResumeParser.detect(JSON.stringify(base))).toBe(true);
    expect(jsonResumeParser.detect('{"work": [], "education": []}')).toBe(true);
    expect(
      jsonResumeParser.detect(
        '{"$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"}',
      ),
    ).toBe(true);
    // a head cut mid-document still shows the keys
    expect(
      jsonResumeParser.detect('\uFEFF  {\n "basics": {\n "name": "Ines Varga", "summary": "cut her'),
    ).toBe(true);
  });

  it('rejects other JSON and non-JSON', () => {
    expect(jsonResumeParser.detect('{"info": {"name": "x"}, "work": {}, "education": {"name": "U"}}')).toBe(
      false,
    );
    expect(jsonResumeParser.detect('[1, 2]')).toBe(false);
    expect(jsonResumeParser.detect('<html><body>{"basics": {}}</body></html>')).toBe(false);
    expect(jsonResumeParser.detect('{"name": "package", "version": "1.0.0"}')).toBe(false);
  });
});

describe('jsonResumeParser.parse on made-up résumés', () => {
  it('tolerates old keys, odd dates, string location and extra keys', () => {
    const outcome = parse(JSON.stringify(base));
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    const [m] = outcome.mentions;
    expect(m?.name).toEqual({ full: 'Ines Varga' });
    expect(m?.orcid).toBe('0000-0002-1825-009X');
    expect(m?.urls).toEqual(['https://ines.example.org', 'https://github.com/ivarga']);
    expect(m?.location).toEqual({ city: 'Graz', region: 'Styria', country: 'Austria' });
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Nordlicht Robotics',
      title: 'Staff Engineer',
      startDate: 'May 2019',
      endDate: 'Present',
      current: true,
    });
    expect(m?.affiliations[1]).toMatchObject({
      organization: 'Alpenglow Labs',
      startDate: '2016',
      endDate: '2019',
    });
    expect(m?.affiliations[1]?.current).toBeUndefined();
    expect(m?.affiliations[1]?.summary).toContain('Built the SLAM stack');
    expect(m?.education[0]).toMatchObject({
      institution: 'TU Graz',
      degree: 'PhD',
      area: 'Robotics',
      endDate: '2016',
    });
    expect(m?.education[0]?.startDate).toBeUndefined();
    expect(m?.skills).toEqual(['Robotics', 'ROS', 'SLAM']);
    expect(m?.professionalTitles).toEqual(['Research Engineer', 'IEEE Fellow']);
    expect(m?.summary).toContain('Best Paper Award (ICRA)');
    expect(m?.evidence.some((e) => e.path === 'basics.profiles[0]')).toBe(true);
    expect(outcome.document.title).toBe('Ines Varga · Research Engineer');
  });

  it('reads an orcid.org profile URL and older firstName/lastName', () => {
    const outcome = parse(
      JSON.stringify({
        basics: {
          firstName: 'Tomasz',
          lastName: 'Wrona',
          profiles: [{ network: 'Other', url: 'https://orcid.org/0000-0001-5109-3700' }],
        },
        work: [],
      }),
    );
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    expect(outcome.mentions[0]?.name).toEqual({ full: 'Tomasz Wrona', given: 'Tomasz', family: 'Wrona' });
    expect(outcome.mentions[0]?.orcid).toBe('0000-0001-5109-3700');
  });
});

describe('jsonResumeParser.parse on bad input', () => {
  it('wrong types are schema-mismatch with the JSON path', () => {
    const work = [...base.work, { name: 'X', startDate: 2019 }];
    let error = rejection(JSON.stringify({ ...base, work }));
    expect(error.code).toBe('schema-mismatch');
    expect(error.location).toBe('work[2].startDate');
    expect(error.message).toContain('work[2].startDate: expected string, got number');

    error = rejection(JSON.stringify({ ...base, basics: ['Ines Varga'] }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'basics' });
    error = rejection(JSON.stringify({ ...base, work: { name: 'Nordlicht' } }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'work' });
    error = rejection(JSON.stringify({ ...base, education: 'TU Graz' }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'education' });
    error = rejection(JSON.stringify({ ...base, skills: { name: 'ROS' } }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'skills' });
    error = rejection(JSON.stringify({ ...base, basics: { ...base.basics, name: 42 } }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'basics.name' });
    error = rejection(JSON.stringify({ ...base, work: ['Nordlicht Robotics'] }));
    expect(error).toMatchObject({ code: 'schema-mismatch', location: 'work[0]' });
    error = rejection('[{"basics": {"name": "Ines"}}]');
    expect(error).toMatchObject({ code: 'schema-mismatch', location: '(root)' });
  });

  it('no name at all is no-person', () => {
    expect(rejection(JSON.stringify({ ...base, basics: { email: 'a@b.c' } })).code).toBe('no-person');
    expect(rejection(JSON.stringify({ work: base.work, education: base.education })).code).toBe('no-person');
    expect(rejection(JSON.stringify({ ...base, basics: { ...base.basics, name: '   ' } })).code).toBe(
      'no-person',
    );
  });

  it('invalid JSON is malformed-json with line and column', () => {
    const error = rejection('{\n  "basics": {\n    "name": "Ines",\n  }\n}');
    expect(error.code).toBe('malformed-json');
    expect(error.location).toMatch(/^line 4, column 3/);
    expect(rejection('{"basics": {"name": "Ines"').code).toBe('malformed-json');
  });

  it('empty input is empty-input', () => {
    expect(rejection('').code).toBe('empty-input');
    expect(rejection('  \n ').code).toBe('empty-input');
  });

  it('invalid UTF-8 is invalid-encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"basics": {"name": "'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}}'),
    ]);
    expect(rejection(bytes).code).toBe('invalid-encoding');
  });
});
