import type { FormatName } from '../lib/envelope.js';
import { edgarFormXmlParser } from './filing/edgar-form-xml-parser.js';
import { edgarSubmissionParser } from './filing/edgar-submission-parser.js';
import { secFilingHtmlParser } from './filing/filing-html-parser.js';
import { secOwnershipParser } from './filing/ownership-parser.js';
import type { Parser } from './parser.js';
import { cnipaParser } from './patent/cnipa-parser.js';
import { docdbParser } from './patent/docdb-parser.js';
import { epoParser } from './patent/epo-parser.js';
import { jpoParser } from './patent/jpo-parser.js';
import { crossrefJsonParser } from './publication/crossref-json-parser.js';
import { crossrefXmlParser } from './publication/crossref-xml-parser.js';
import { openalexParser } from './publication/openalex-parser.js';
import { orcidJsonParser, orcidXmlParser } from './publication/orcid-parsers.js';
import { semanticScholarParser } from './publication/semantic-scholar-parser.js';
import { usptoGreenbookParser } from './patent/uspto-greenbook-parser.js';
import { usptoLegacyParser } from './patent/uspto-legacy-parser.js';
import { usptoParser } from './patent/uspto-parser.js';
import { profileHtmlParser } from './profile-page/profile-html-parser.js';
import { jsonResumeParser } from './resume/json-resume-parser.js';
import { zhResumeParser } from './resume/zh-resume-parser.js';

/**
 * Every parser, in detection order: the most specific signatures first (an EDGAR submission can
 * contain ownership XML and HTML; an SEC filing is HTML too), the generic HTML profile page and
 * free Chinese text last.
 */
export const parsers: readonly Parser[] = [
  edgarSubmissionParser,
  usptoParser,
  epoParser,
  docdbParser,
  cnipaParser,
  jpoParser,
  usptoLegacyParser,
  usptoGreenbookParser,
  secOwnershipParser,
  edgarFormXmlParser,
  // Scholarly JSON and XML carry unmistakable keys and namespaces; checked before the generic JSON résumé.
  openalexParser,
  crossrefJsonParser,
  crossrefXmlParser,
  orcidXmlParser,
  orcidJsonParser,
  semanticScholarParser,
  jsonResumeParser,
  secFilingHtmlParser,
  profileHtmlParser,
  zhResumeParser,
];

const byFormat = new Map<FormatName, Parser>(parsers.map((p) => [p.format, p]));

export function parserFor(format: FormatName): Parser {
  const parser = byFormat.get(format);
  if (!parser) throw new Error(`no parser registered for format ${format}`);
  return parser;
}

/** The format of a document from its first bytes, or undefined when no parser claims it. */
export function detectFormat(head: string, contentType?: string): FormatName | undefined {
  return parsers.find((p) => p.detect(head, contentType))?.format;
}
