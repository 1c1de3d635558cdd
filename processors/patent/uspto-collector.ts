import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ParseBudget } from '../common/parse-budget.js';
import { usptoNamedEntities } from './uspto-entities.js';

/**
 * One streaming pass of saxes over a USPTO ICE XML document (DTD v4.0–v4.7), collecting the few
 * bibliographic facts we index into a flat {@link CollectedPatent}. No DOM is built: full-text
 * grants are mostly description and claims, which we must still parse (to reject malformed
 * documents) but never look at, so those sections cost only a depth push/pop per tag and one
 * null check per text node.
 */

export const PATENT_ROOTS = ['us-patent-grant', 'us-patent-application'] as const;
export type PatentRoot = (typeof PATENT_ROOTS)[number];

/** Fields read inside an inventor/applicant/assignee element. */
export type PartyField =
  | 'last-name'
  | 'first-name'
  | 'middle-name'
  | 'prefix'
  | 'suffix'
  | 'orgname'
  | 'name'
  | 'street'
  | 'address-1'
  | 'city'
  | 'state'
  | 'postcode'
  | 'country'
  | 'residence-country'
  | 'nationality';

const PARTY_FIELDS = new Set<string>([
  'last-name',
  'first-name',
  'middle-name',
  'prefix',
  'suffix',
  'orgname',
  'name',
  'street',
  'address-1',
  'city',
  'state',
  'postcode',
  'country',
]);

export interface PartyRecord {
  /**
   * `inventor`: a child of `<inventors>` (`inventor` or `deceased-inventor`); `deceased-inventor`:
   * the v4.0–4.2 `us-deceased-inventor` beside the applicants (the dead are not applicants).
   */
  kind: 'inventor' | 'deceased-inventor' | 'applicant' | 'assignee';
  /** Evidence path, e.g. `us-patent-grant/us-bibliographic-data-grant/us-parties/inventors/inventor[2]`. */
  path: string;
  appType?: string;
  authorityCategory?: string;
  fields: Partial<Record<PartyField, string>>;
}

export interface CollectedPatent {
  root: PatentRoot;
  dtdVersion?: string;
  /** `date-publ` attribute of the root, a fallback for the publication date. */
  rootDatePubl?: string;
  pubCountry?: string;
  pubNumber?: string;
  pubKind?: string;
  pubDate?: string;
  pubPath: string;
  filingDate?: string;
  title?: string;
  abstract?: string;
  cpc: string[];
  ipc: string[];
  /** Undefined when the document has no references-cited section. */
  citationCount?: number;
  parties: PartyRecord[];
}

export type CollectResult =
  | { kind: 'patent'; patent: CollectedPatent }
  | { kind: 'other-root'; root: string }
  | { kind: 'error'; message: string; line: number; column: number; undefinedEntity?: string };

/** Thrown from a handler to stop parsing once the root shows the document is not a patent. */
class StopParse {
  constructor(readonly root: string) {}
}

const CLASS_PARTS = new Set(['section', 'class', 'subclass', 'main-group', 'subgroup']);
const SECTION_OTHER = 0;
const SECTION_BIBLIO = 1;
const SECTION_ABSTRACT = 2;

/** `H01L 21/768` from the parts of a classification-cpc / classification-ipcr element. */
function classificationCode(parts: Map<string, string>): string | undefined {
  const get = (k: string): string => (parts.get(k) ?? '').trim();
  const head = `${get('section')}${get('class')}${get('subclass')}`;
  const group = get('main-group');
  if (head === '') return undefined;
  if (group === '') return head;
  const sub = get('subgroup');
  return sub === '' ? `${head} ${group}` : `${head} ${group}/${sub}`;
}

function isPartyContainer(parent: string | undefined, name: string): PartyRecord['kind'] | undefined {
  if (parent === 'inventors' && name.includes('inventor')) return 'inventor';
  if (name === 'us-deceased-inventor') return 'deceased-inventor';
  if ((parent === 'applicants' || parent === 'us-applicants') && name.endsWith('applicant'))
    return 'applicant';
  if (parent === 'assignees' && name === 'assignee') return 'assignee';
  return undefined;
}

/** Counts each element and text run on `budget`, which throws a `ParseLimitError` past its limits. */
export function collectPatent(text: string, budget: ParseBudget): CollectResult {
  const parser = new SaxesParser();
  Object.assign(parser.ENTITIES, usptoNamedEntities);

  const stack: string[] = [];
  let section = SECTION_OTHER;
  let biblioName = '';
  let sawAbstract = false;
  const out: CollectedPatent = { root: 'us-patent-grant', pubPath: '', cpc: [], ipc: [], parties: [] };

  // The one text capture in progress: its depth (0 = none), buffer and what to do with it.
  let capDepth = 0;
  let capBuf = '';
  let capDone: ((value: string) => void) | undefined;
  const capture = (done: (value: string) => void): void => {
    capDepth = stack.length;
    capBuf = '';
    capDone = done;
  };

  let party: PartyRecord | undefined;
  let partyDepth = 0;
  const partyCounters = new Map<string, number>();
  let classParts: Map<string, string> | undefined;
  let classDepth = 0;
  let classTarget: string[] = out.cpc;

  const setOnce = (key: PartyField) => (value: string) => {
    if (party !== undefined && party.fields[key] === undefined && value.trim() !== '')
      party.fields[key] = value;
  };
  const pushUnique = (list: string[], code: string | undefined): void => {
    if (code !== undefined && code !== '' && !list.includes(code)) list.push(code);
  };

  function openBiblio(node: SaxesTagPlain, name: string, depth: number): void {
    const top = stack[2];
    const parent = stack[depth - 2];
    if (party !== undefined) {
      if (!PARTY_FIELDS.has(name)) return;
      if (name === 'country' && parent === 'residence') capture(setOnce('residence-country'));
      else if (name === 'country' && parent === 'nationality') capture(setOnce('nationality'));
      // Only the party's own name and address: designated-states and us-rights hold other countries/people.
      else if (depth === partyDepth + 1 || parent === 'addressbook' || parent === 'address')
        capture(setOnce(name as PartyField));
      return;
    }
    if (classParts !== undefined) {
      if (depth === classDepth + 1 && CLASS_PARTS.has(name)) {
        const parts = classParts;
        capture((v) => parts.set(name, v));
      }
      return;
    }
    const kind = isPartyContainer(parent, name);
    if (kind !== undefined) {
      const prefix = stack.slice(0, depth - 1).join('/');
      const key = `${prefix}/${name}`;
      const n = (partyCounters.get(key) ?? 0) + 1;
      partyCounters.set(key, n);
      party = { kind, path: `${key}[${n}]`, fields: {} };
      const appType = node.attributes['app-type'];
      const authority = node.attributes['applicant-authority-category'];
      if (appType !== undefined) party.appType = appType;
      if (authority !== undefined) party.authorityCategory = authority;
      partyDepth = depth;
      return;
    }
    switch (top) {
      case 'publication-reference':
        if (depth === 5 && parent === 'document-id') {
          if (name === 'country') capture((v) => (out.pubCountry ??= v));
          else if (name === 'doc-number') capture((v) => (out.pubNumber ??= v));
          else if (name === 'kind') capture((v) => (out.pubKind ??= v));
          else if (name === 'date') capture((v) => (out.pubDate ??= v));
        } else if (depth === 4 && name === 'document-id' && out.pubPath === '') {
          out.pubPath = stack.join('/');
        }
        return;
      case 'application-reference':
        if (depth === 5 && parent === 'document-id' && name === 'date')
          capture((v) => (out.filingDate ??= v));
        return;
      case 'invention-title':
        if (depth === 3 && out.title === undefined) capture((v) => (out.title = v));
        return;
      case 'classifications-cpc':
      case 'classifications-ipcr':
        if (name === 'classification-cpc' || name === 'classification-ipcr') {
          classParts = new Map();
          classDepth = depth;
          classTarget = name === 'classification-cpc' ? out.cpc : out.ipc;
        }
        return;
      case 'classification-ipc':
        if (depth === 4 && (name === 'main-classification' || name === 'further-classification'))
          capture((v) => pushUnique(out.ipc, v.replace(/\s+/g, ' ').trim()));
        return;
      case 'references-cited':
      case 'us-references-cited':
        if (depth === 3) out.citationCount ??= 0;
        else if (depth === 4 && (name === 'citation' || name === 'us-citation'))
          out.citationCount = (out.citationCount ?? 0) + 1;
        return;
      default:
        return;
    }
  }

  parser.on('opentag', (node) => {
    const name = node.name;
    stack.push(name);
    const depth = stack.length;
    budget.enter(depth);
    if (depth === 1) {
      if (name !== 'us-patent-grant' && name !== 'us-patent-application') throw new StopParse(name);
      out.root = name;
      biblioName =
        name === 'us-patent-grant' ? 'us-bibliographic-data-grant' : 'us-bibliographic-data-application';
      const dtd = node.attributes['dtd-version'];
      const datePubl = node.attributes['date-publ'];
      if (dtd !== undefined) out.dtdVersion = dtd;
      if (datePubl !== undefined) out.rootDatePubl = datePubl;
      return;
    }
    if (depth === 2) {
      section = SECTION_OTHER;
      if (name === biblioName) section = SECTION_BIBLIO;
      else if (name === 'abstract' && !sawAbstract) {
        sawAbstract = true;
        section = SECTION_ABSTRACT;
        capture((v) => (out.abstract = v));
      }
      return;
    }
    if (section === SECTION_BIBLIO && capDepth === 0) openBiblio(node, name, depth);
  });

  parser.on('closetag', (node) => {
    const depth = stack.length;
    if (capDepth !== 0) {
      if (depth === capDepth) {
        capDepth = 0;
        capDone?.(capBuf);
        capDone = undefined;
      } else if (section === SECTION_ABSTRACT && (node.name === 'p' || node.name === 'heading')) {
        // Paragraphs of a multi-paragraph abstract must not run together.
        capBuf += ' ';
      }
    }
    if (party !== undefined && depth === partyDepth) {
      out.parties.push(party);
      party = undefined;
    } else if (classParts !== undefined && depth === classDepth) {
      pushUnique(classTarget, classificationCode(classParts));
      classParts = undefined;
    }
    stack.pop();
  });

  const onText = (t: string): void => {
    budget.step();
    if (capDepth !== 0) capBuf += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof StopParse) return { kind: 'other-root', root: error.root };
    // saxes reports well-formedness errors as `line:column: message`; anything else is our bug.
    const located = error instanceof Error ? /^(\d+):(\d+): (.*)$/s.exec(error.message) : null;
    if (located === null) throw error;
    const message = located[3] ?? 'not well-formed';
    const result: CollectResult = {
      kind: 'error',
      message,
      line: Number(located[1]),
      column: Number(located[2]),
    };
    if (/undefined entity/.test(message)) {
      const before = text.slice(Math.max(0, parser.position - 80), parser.position);
      const match = /&([^\s&;<]+);?$/.exec(before) ?? /&([^\s&;<]+);[^&]*$/.exec(before);
      if (match?.[1] !== undefined) result.undefinedEntity = match[1];
    }
    return result;
  }
  if (stack.length !== 0)
    return { kind: 'error', message: 'document ended early', line: parser.line, column: parser.column + 1 };
  return { kind: 'patent', patent: out };
}
