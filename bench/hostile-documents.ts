import type { FormatName } from '../lib/envelope.js';

/**
 * Made-up hostile documents of a given size for each format: deep nesting (past and just under
 * the depth cap), long runs of repeated structure, unclosed tags, huge flat lists, giant lines.
 * They drive the parser-bounds tests (work per byte must stay flat as the size grows) and the
 * adversarial part of the processors benchmark (MB/s).
 */
export interface HostileDocument {
  format: FormatName;
  /** Short stable name of the shape, e.g. `html-nested-div`. */
  shape: string;
  body: Buffer;
  contentType: string;
}

/** `unit` repeated to about `bytes` bytes (at least once), wrapped in `head` / `tail`. */
function fill(head: string, unit: string, tail: string, bytes: number): string {
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / Math.max(1, unit.length)));
  return head + unit.repeat(n) + tail;
}

/** `open` nested `depth` deep, then closed: one block of nesting. */
function nest(open: string, close: string, depth: number): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** `open` nested as deep as the whole size allows (far past any depth cap). */
function deep(head: string, open: string, close: string, tail: string, bytes: number): string {
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / (open.length + close.length)));
  return head + nest(open, close, n) + tail;
}

const PAGE_HEAD = '<!doctype html><html><head><title>Jane Doe</title></head><body><h1>Jane Doe</h1>';
const PAGE_TAIL = '</body></html>';
const FILING_HEAD =
  '<html><head><title>Form 10-K</title></head><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 10-K</p><p>Acme Widgets, Inc.</p>';
/** Just under the default depth cap (512), so these blocks are parsed, not rejected. */
const UNDER_CAP = 480;

function htmlShapes(head: string, tail: string, bytes: number): Array<[string, string]> {
  return [
    ['nested-div', deep(head, '<div>a ', '</div>', tail, bytes)],
    ['unclosed-li', fill(head, '<ul><li>a ', tail, bytes)],
    ['unclosed-div', fill(head, '<div>x ', tail, bytes)],
    ['nested-inline', deep(head, '<b><span>a ', '</span></b>', tail, bytes)],
    ['repeated-nested-div', fill(head, nest('<div>Jane Doe ', '</div>', UNDER_CAP), tail, bytes)],
    [
      'repeated-nested-anchor',
      fill(head, nest('<a href="https://a.example/x">Jane ', '</a>', UNDER_CAP), tail, bytes),
    ],
    [
      'repeated-nested-table',
      fill(head, nest('<table><tr><td>Director ', '</td></tr></table>', 150), tail, bytes),
    ],
    ['flat-paragraphs', fill(head, '<p><b>Jane Doe</b>, Professor of Physics</p>\n', tail, bytes)],
    ['long-inline-run', fill(head, 'Jane <span>Doe</span> <i>x</i> ', tail, bytes)],
    ['unterminated-tags', fill(head, '<a<b ', tail, bytes)],
    ['one-long-line', fill(head, 'Director since 2001 and Professor, ', tail, bytes)],
    ['many-attributes', fill(head, '<p class="a" id="b" style="c" data-x="d">x</p>', tail, bytes)],
  ];
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const GRANT_HEAD = `${XML_DECL}<us-patent-grant lang="EN" dtd-version="v4.5"><us-bibliographic-data-grant><publication-reference><document-id><country>US</country><doc-number>99999999</doc-number><kind>B2</kind><date>20200101</date></document-id></publication-reference>`;
const GRANT_TAIL = '</us-bibliographic-data-grant></us-patent-grant>';
const INVENTOR =
  '<inventor sequence="001" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Doe</last-name><first-name>Jane</first-name><address><city>Austin</city><state>TX</state><country>US</country></address></addressbook></inventor>';
const OWNERSHIP_HEAD = `${XML_DECL}<ownershipDocument><schemaVersion>X0306</schemaVersion><documentType>4</documentType><periodOfReport>2020-01-01</periodOfReport><issuer><issuerCik>0000000001</issuerCik><issuerName>Acme Widgets</issuerName></issuer>`;
const OWNER =
  '<reportingOwner><reportingOwnerId><rptOwnerCik>0000000002</rptOwnerCik><rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId><reportingOwnerRelationship><isDirector>1</isDirector></reportingOwnerRelationship></reportingOwner>';
const FORM_D_HEAD = `${XML_DECL}<edgarSubmission><schemaVersion>X0708</schemaVersion><submissionType>D</submissionType><primaryIssuer><cik>0000000001</cik><entityName>Acme Widgets LLC</entityName></primaryIssuer><relatedPersonsList>`;
const RELATED_PERSON =
  '<relatedPersonInfo><relatedPersonName><firstName>Jane</firstName><lastName>Doe</lastName></relatedPersonName><relatedPersonRelationshipList><relationship>Director</relationship></relatedPersonRelationshipList></relatedPersonInfo>';

function xmlShapes(head: string, repeated: string, tail: string, bytes: number): Array<[string, string]> {
  return [
    ['nested-element', deep(head, '<x>a', '</x>', tail, bytes)],
    ['repeated-nested-element', fill(head, nest('<x>a', '</x>', UNDER_CAP), tail, bytes)],
    ['repeated-record', fill(head, repeated, tail, bytes)],
    ['many-empty-elements', fill(head, '<x/>', tail, bytes)],
    ['long-text', fill(`${head}<abstract>`, 'lorem ipsum &amp; dolor ', `</abstract>${tail}`, bytes)],
  ];
}

const RESUME_HEAD = '{"basics":{"name":"Jane Doe","label":"Engineer"},"work":[';
const RESUME_TAIL = '{"name":"Acme","position":"CTO"}]}';

function jsonShapes(bytes: number): Array<[string, string]> {
  return [
    ['nested-array', deep(RESUME_HEAD, '[', ']', RESUME_TAIL, bytes)],
    ['nested-object', deep(RESUME_HEAD, '{"a":', '}', RESUME_TAIL, bytes).replace(/\{"a":\}/, '{"a":1}')],
    ['huge-array', fill(RESUME_HEAD, '{"name":"Acme","position":"CTO"},', RESUME_TAIL, bytes)],
    ['tiny-values', fill('{"basics":{"name":"Jane Doe"},"skills":[', '1,', '1]}', bytes)],
    ['long-string', fill('{"basics":{"name":"Jane Doe","summary":"', 'a\\"b\\\\', '"}}', bytes)],
    ['repeated-nested-array', fill(RESUME_HEAD, `${nest('[', ']', UNDER_CAP)},`, RESUME_TAIL, bytes)],
  ];
}

function zhShapes(bytes: number): Array<[string, string]> {
  const head = '张伟，男，1975年出生，博士，教授。\n';
  return [
    ['one-long-line', fill(head, '曾任华为技术有限公司高级工程师、研究员，', '\n', bytes)],
    ['many-short-lines', fill(head, '2001年至2005年任清华大学副教授。\n', '', bytes)],
    ['repeated-names', fill(head, '王芳，女，1980年出生。\n', '', bytes)],
    ['digits-and-punctuation', fill(head, '1999年1月－2001年12月：', '\n', bytes)],
    ['no-punctuation', fill(head, '张伟张伟张伟男女博士教授', '\n', bytes)],
  ];
}

const SUBMISSION_HEAD =
  '<SEC-DOCUMENT>0000000001-20-000001.txt : 20200101\n<SEC-HEADER>0000000001-20-000001.hdr.sgml : 20200101\nACCESSION NUMBER:\t\t0000000001-20-000001\nCONFORMED SUBMISSION TYPE:\t10-K\nPUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t20200101\n\nFILER:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGETS INC\n\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSEMICONDUCTORS [3674]\n</SEC-HEADER>\n';
const SUBMISSION_TAIL = '</SEC-DOCUMENT>\n';

function submissionShapes(bytes: number): Array<[string, string]> {
  const doc = (body: string): string =>
    `<DOCUMENT>\n<TYPE>10-K\n<SEQUENCE>1\n<FILENAME>a.htm\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>\n`;
  return [
    [
      'nested-div',
      SUBMISSION_HEAD +
        doc(deep('<html><body>', '<div>a ', '</div>', '</body></html>', bytes)) +
        SUBMISSION_TAIL,
    ],
    [
      'many-documents',
      fill(
        SUBMISSION_HEAD,
        doc('<html><body><p>Jane Doe, Director</p></body></html>'),
        SUBMISSION_TAIL,
        bytes,
      ),
    ],
    [
      'unterminated-document',
      `${SUBMISSION_HEAD}<DOCUMENT>\n<TYPE>10-K\n<TEXT>\n${'<p>x '.repeat(Math.max(1, Math.floor(bytes / 5)))}`,
    ],
    [
      'repeated-header-lines',
      fill(
        '<SEC-DOCUMENT>0000000001-20-000001.txt : 20200101\n<SEC-HEADER>\n',
        'CONFORMED SUBMISSION TYPE:\t10-K\n',
        '</SEC-HEADER>\n',
        bytes,
      ),
    ],
  ];
}

/** Every hostile shape of `format` at about `bytes` bytes. */
export function hostileDocuments(format: FormatName, bytes: number): HostileDocument[] {
  const make = (shapes: Array<[string, string]>, contentType: string): HostileDocument[] =>
    shapes.map(([shape, text]) => ({ format, shape, body: Buffer.from(text), contentType }));
  switch (format) {
    case 'profile-html':
      return make(htmlShapes(PAGE_HEAD, PAGE_TAIL, bytes), 'text/html; charset=utf-8');
    case 'sec-filing-html':
      return make(htmlShapes(FILING_HEAD, PAGE_TAIL, bytes), 'text/html; charset=utf-8');
    case 'uspto-xml':
      return make(xmlShapes(GRANT_HEAD, INVENTOR, GRANT_TAIL, bytes), 'application/xml');
    case 'sec-ownership-xml':
      return make(xmlShapes(OWNERSHIP_HEAD, OWNER, '</ownershipDocument>', bytes), 'application/xml');
    case 'sec-form-xml':
      return make(
        xmlShapes(FORM_D_HEAD, RELATED_PERSON, '</relatedPersonsList></edgarSubmission>', bytes),
        'application/xml',
      );
    case 'json-resume':
      return make(jsonShapes(bytes), 'application/json');
    case 'zh-resume-text':
      return make(zhShapes(bytes), 'text/plain; charset=utf-8');
    case 'edgar-submission':
      return make(submissionShapes(bytes), 'text/plain');
    default:
      return [];
  }
}

/** The formats with hostile shapes. */
export const hostileFormats: FormatName[] = [
  'profile-html',
  'sec-filing-html',
  'uspto-xml',
  'sec-ownership-xml',
  'sec-form-xml',
  'json-resume',
  'zh-resume-text',
  'edgar-submission',
];
