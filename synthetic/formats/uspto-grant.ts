import { cpcUnder, titleCase, type IndustryKit } from '../industry-kit.js';
import type { SynthPerson } from '../people.js';
import type { Rng } from '../prng.js';
import { escapeXml, ymd } from './xml.js';

/** What one generated patent grant says; inventors are generated people, the first one leads. */
export interface SynthPatent {
  number: string;
  kind: 'B1' | 'B2';
  published: Date;
  filed: Date;
  applicationNumber: string;
  title: string;
  abstract: string;
  cpc: Array<[string, string, string, string, string]>;
  inventors: SynthPerson[];
  citations: number;
}

const NOUNS = ['module', 'assembly', 'apparatus', 'unit', 'controller', 'method', 'arrangement'];
const OPENERS = ['Method and apparatus for', 'System for', 'Device and method for', 'Assembly for'];

export function makePatent(
  lead: SynthPerson,
  coInventors: SynthPerson[],
  kit: IndustryKit,
  number: number,
  published: Date,
  rng: Rng,
): SynthPatent {
  const word = rng.pick(kit.en);
  const other = rng.pick(kit.en);
  const prefixes = rng.sample(kit.cpc, rng.int(1, Math.min(3, kit.cpc.length)));
  const filed = new Date(published.getTime() - rng.int(400, 1100) * 86_400_000);
  return {
    number: String(number),
    kind: rng.chance(0.8) ? 'B2' : 'B1',
    published,
    filed,
    applicationNumber: `${rng.int(15, 18)}${rng.digits(6)}`,
    title: `${rng.pick(OPENERS)} ${rng.pick(['controlling', 'calibrating', 'monitoring', 'manufacturing'])} a ${word} ${rng.pick(NOUNS)}`,
    abstract:
      `A ${word} ${rng.pick(NOUNS)} includes a housing, a ${other} ${rng.pick(NOUNS)} mounted in the housing and a ` +
      `control circuit. The control circuit adjusts the ${word} ${rng.pick(NOUNS)} in response to a measured ` +
      `signal so that ${other} performance is kept within a target range.`,
    cpc: prefixes.map((p) => cpcUnder(p, rng)),
    inventors: [lead, ...coInventors],
    citations: rng.int(0, 12),
  };
}

function classificationCpc(
  c: [string, string, string, string, string],
  date: string,
  position: 'F' | 'L',
): string {
  return (
    `<classification-cpc>\n<cpc-version-indicator><date>20130101</date></cpc-version-indicator>\n` +
    `<section>${c[0]}</section>\n<class>${c[1]}</class>\n<subclass>${c[2]}</subclass>\n` +
    `<main-group>${c[3]}</main-group>\n<subgroup>${c[4]}</subgroup>\n<symbol-position>${position}</symbol-position>\n` +
    `<classification-value>I</classification-value>\n<action-date><date>${date}</date></action-date>\n` +
    `<generating-office><country>US</country></generating-office>\n<classification-status>B</classification-status>\n` +
    `<classification-data-source>H</classification-data-source>\n<scheme-origination-code>C</scheme-origination-code>\n</classification-cpc>\n`
  );
}

function classificationIpcr(c: [string, string, string, string, string], date: string): string {
  return (
    `<classification-ipcr>\n<ipc-version-indicator><date>20060101</date></ipc-version-indicator>\n` +
    `<classification-level>A</classification-level>\n<section>${c[0]}</section>\n<class>${c[1]}</class>\n` +
    `<subclass>${c[2]}</subclass>\n<main-group>${c[3]}</main-group>\n<subgroup>${c[4]}</subgroup>\n` +
    `<symbol-position>F</symbol-position>\n<classification-value>I</classification-value>\n` +
    `<action-date><date>${date}</date></action-date>\n<generating-office><country>US</country></generating-office>\n` +
    `<classification-status>B</classification-status>\n<classification-data-source>H</classification-data-source>\n</classification-ipcr>\n`
  );
}

function address(p: SynthPerson): string {
  const city = p.company.city;
  return `<address>\n<city>${escapeXml(city.en)}</city>\n${city.state !== undefined ? `<state>${city.state}</state>\n` : ''}<country>${city.country}</country>\n</address>\n`;
}

/**
 * One `us-patent-grant` document in the shape of the weekly grant files (DTD v4.5 before 2021,
 * v4.7 after): its own XML declaration and DOCTYPE, so documents can be concatenated.
 */
export function usptoGrantXml(p: SynthPatent): string {
  const pub = ymd(p.published);
  const v47 = p.published.getUTCFullYear() >= 2022;
  const dtd = v47 ? 'v4.7 2022-02-17' : 'v4.5 2014-04-03';
  const dtdFile = v47 ? 'us-patent-grant-v47-2022-02-17.dtd' : 'us-patent-grant-v45-2014-04-03.dtd';
  const assignee = p.inventors[0]?.company;
  const docNumber = p.number.padStart(8, '0');
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE us-patent-grant SYSTEM "${dtdFile}" [ ]>\n` +
      `<us-patent-grant lang="EN" dtd-version="${dtd}" file="US${docNumber}-${pub}.XML" status="PRODUCTION" id="us-patent-grant" country="US" date-produced="${pub}" date-publ="${pub}">\n` +
      `<us-bibliographic-data-grant>\n<publication-reference>\n<document-id>\n<country>US</country>\n<doc-number>${docNumber}</doc-number>\n<kind>${p.kind}</kind>\n<date>${pub}</date>\n</document-id>\n</publication-reference>\n` +
      `<application-reference appl-type="utility">\n<document-id>\n<country>US</country>\n<doc-number>${p.applicationNumber}</doc-number>\n<date>${ymd(p.filed)}</date>\n</document-id>\n</application-reference>\n` +
      `<us-application-series-code>${p.applicationNumber.slice(0, 2)}</us-application-series-code>\n`,
  );
  out.push(
    '<classifications-ipcr>\n',
    ...p.cpc.map((c) => classificationIpcr(c, pub)),
    '</classifications-ipcr>\n',
  );
  const [main, ...further] = p.cpc;
  out.push('<classifications-cpc>\n');
  if (main !== undefined) out.push('<main-cpc>\n', classificationCpc(main, pub, 'F'), '</main-cpc>\n');
  if (further.length > 0)
    out.push('<further-cpc>\n', ...further.map((c) => classificationCpc(c, pub, 'L')), '</further-cpc>\n');
  out.push('</classifications-cpc>\n');
  out.push(
    `<invention-title id="d2e43">${escapeXml(titleCase(p.title.charAt(0)) + p.title.slice(1))}</invention-title>\n`,
  );
  if (p.citations > 0) {
    out.push('<us-references-cited>\n');
    for (let i = 1; i <= p.citations; i++)
      out.push(
        `<us-citation>\n<patcit num="${String(i).padStart(5, '0')}">\n<document-id>\n<country>US</country>\n<doc-number>${Number(p.number) - 1_000_000 * i}</doc-number>\n<kind>B2</kind>\n<date>20${String(10 + (i % 10)).padStart(2, '0')}0${1 + (i % 9)}00</date>\n</document-id>\n</patcit>\n<category>cited by examiner</category>\n</us-citation>\n`,
      );
    out.push('</us-references-cited>\n');
  }
  out.push(
    `<number-of-claims>${10 + (Number(p.number) % 11)}</number-of-claims>\n<us-exemplary-claim>1</us-exemplary-claim>\n`,
  );
  out.push('<us-parties>\n<us-applicants>\n');
  if (assignee !== undefined)
    out.push(
      `<us-applicant sequence="001" app-type="applicant" designation="us-only" applicant-authority-category="assignee">\n<addressbook>\n<orgname>${escapeXml(assignee.nameEn)}</orgname>\n${address(p.inventors[0] as SynthPerson)}</addressbook>\n<residence>\n<country>${assignee.city.country}</country>\n</residence>\n</us-applicant>\n`,
    );
  out.push('</us-applicants>\n<inventors>\n');
  p.inventors.forEach((inv, i) => {
    out.push(
      `<inventor sequence="${String(i + 1).padStart(3, '0')}" designation="us-only">\n<addressbook>\n<last-name>${escapeXml(inv.family)}</last-name>\n<first-name>${escapeXml(inv.given)}</first-name>\n${address(inv)}</addressbook>\n</inventor>\n`,
    );
  });
  out.push(
    '</inventors>\n<agents>\n<agent sequence="01" rep-type="attorney">\n<addressbook>\n<orgname>Synthetic IP Law Group LLP</orgname>\n<address>\n<country>unknown</country>\n</address>\n</addressbook>\n</agent>\n</agents>\n</us-parties>\n',
  );
  if (assignee !== undefined)
    out.push(
      `<assignees>\n<assignee>\n<addressbook>\n<orgname>${escapeXml(assignee.nameEn)}</orgname>\n<role>${assignee.city.country === 'US' ? '02' : '03'}</role>\n${address(p.inventors[0] as SynthPerson)}</addressbook>\n</assignee>\n</assignees>\n`,
    );
  out.push(
    `<examiners>\n<primary-examiner>\n<last-name>Examiner</last-name>\n<first-name>Pat</first-name>\n<department>28${String(Number(p.number) % 90).padStart(2, '0')}</department>\n</primary-examiner>\n</examiners>\n</us-bibliographic-data-grant>\n`,
  );
  out.push(
    `<abstract id="abstract">\n<p id="p-0001" num="0000">${escapeXml(p.abstract)}</p>\n</abstract>\n</us-patent-grant>\n`,
  );
  return out.join('');
}
