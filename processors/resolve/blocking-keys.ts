import type { NameForm } from './name-form.js';
import { formalGiven } from './nicknames.js';
import { orgAnchorKeys } from './organizations.js';
import type { ResolvableMention } from './resolvable.js';

/**
 * Blocking keys decide which mentions are ever compared, and — stored with each mention — which
 * stored mentions the ingest loads with a new batch (the connected part of the key graph). They
 * must bring every pair that could merge together without joining whole populations:
 *
 * - strong identifiers: `orcid:…`, `cik:…`, `email:…` (the same spellings as the profile keys);
 * - a name block joined with an anchor, `name:<block>|<anchor>`: a merge needs an anchor anyway
 *   (an organisation, co-inventor, patent or e-mail domain; `anchorKeys`), so two mentions are
 *   compared only when they share a name block *and* something an anchor could be made of. A
 *   bare name block (`smith|j`, `wang|wei`) would put every namesake of a country in one part,
 *   which the ingest would load and rebuild for each new mention of any of them.
 *
 * Name blocks (`nameBlockKeys`):
 * - Western names: `name:<family>|<first initial>` — initials, middle names, "Last, First",
 *   capitals, diacritics, umlaut spellings, suffixes and hyphenated family names all reduce to it;
 *   a nickname adds the formal name's initial too (Bill → `|w` and `|b`);
 * - Chinese names (Han, or Latin that reads as pinyin with a Chinese surname at either end):
 *   `name:<family pinyin>|<given pinyin>` for each reading, so 张建华, 張建華, "Jianhua Zhang",
 *   "ZHANG Jian-Hua" and "Zhāng Jiànhuá" share `name:zhang|jianhua`. The whole given name is kept
 *   (not its initial) because `zhang|j` would put a large share of a Chinese population in one block.
 */
export const STRONG_KEY_PREFIXES = ['orcid:', 'openalex:', 's2:', 'cik:', 'email:'] as const;

export function isStrongKey(key: string): boolean {
  return STRONG_KEY_PREFIXES.some((p) => key.startsWith(p));
}

export function isNameKey(key: string): boolean {
  return key.startsWith('name:');
}

/** The name keys of one written form. */
export function nameBlockKeys(form: NameForm): string[] {
  if (form.readings.length > 0) return [...new Set(form.readings.map((r) => `name:${r.family}|${r.given}`))];
  if (form.family === '') return [];
  const families = form.familyTail === undefined ? [form.family] : [form.family, form.familyTail];
  const unglued = ungluedFamily(form);
  if (unglued !== undefined && !families.includes(unglued)) families.push(unglued);
  const first = form.given[0];
  const initials = first === undefined ? [''] : [...new Set([formalGiven(first).charAt(0), first.charAt(0)])];
  const keys = families.flatMap((family) => initials.map((initial) => `name:${family}|${initial}`));
  return [...new Set([...keys, ...reorderedKeys(form)])];
}

/**
 * Two more blocks for the ways one inventor's name moves between fields (PatentsView's labelled
 * clusters: "Tsu-Jae King", "King Tsu-Jae", "Tsu-Jae King Liu"):
 * - a name that gained a family name keeps its old one as the last given name: "Tsu Jae King Liu"
 *   also blocks as `king|t`;
 * - a hyphenated "family" name after a one-word given name is often a given name in the wrong
 *   field ("King Tsu-Jae"): it also blocks as `king|t`.
 */
function reorderedKeys(form: NameForm): string[] {
  const first = form.given[0];
  if (first === undefined) return [];
  const keys: string[] = [];
  const last = form.given[form.given.length - 1] as string;
  if (form.given.length >= 2 && last.length >= 2 && last !== first)
    keys.push(`name:${last}|${first.charAt(0)}`);
  const written = form.text.split(/\s+/);
  if (form.given.length === 1 && first.length >= 2 && (written[written.length - 1] ?? '').includes('-'))
    keys.push(`name:${first}|${form.family.charAt(0)}`);
  return keys;
}

/**
 * A family name written with its particle glued on ("DeJonghe", "vanDover", "VanDover") also
 * blocks under the name without it, as "De Jonghe" and "van Dover" do (their particle is not part
 * of the family key). Only a particle followed by a capital counts: "Denton" and "Vanek" are
 * names, not particles.
 */
const GLUED_PARTICLE = /^(?:de|del|della|der|den|di|da|du|le|la|van|von|ten|ter)(\p{Lu}\p{L}{2,})$/u;

function ungluedFamily(form: NameForm): string | undefined {
  for (const token of form.text.split(/[\s,]+/)) {
    // The particle may be capitalised ("VanDover"); the name after it must be ("vanDover", not "Denton").
    const m = GLUED_PARTICLE.exec(token.charAt(0).toLowerCase() + token.slice(1));
    if (m === null) continue;
    const folded = token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded !== form.family) continue;
    return (m[1] as string).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }
  return undefined;
}

/** Strong keys of a mention: decisive for merging, unless two of them conflict. */
export function strongKeys(m: ResolvableMention): string[] {
  const keys: string[] = [];
  if (m.orcid) keys.push(`orcid:${m.orcid}`);
  if (m.openalexId) keys.push(`openalex:${m.openalexId}`);
  if (m.s2Id) keys.push(`s2:${m.s2Id}`);
  if (m.cik) keys.push(`cik:${m.cik}`);
  for (const e of m.emails) keys.push(`email:${e}`);
  return keys;
}

/** The name blocks of a mention (every written form). */
export function nameKeys(m: ResolvableMention): string[] {
  return [...new Set(m.names.flatMap((f) => nameBlockKeys(f)))].sort();
}

/**
 * What an anchor between two mentions could be made of: organisation keys (`orgAnchorKeys`), the
 * e-mail domain, a co-inventor, a patent. Two namesakes with none of these in common are never
 * compared: without an anchor they could not merge (`ResolveOptions.requireAnchor`).
 */
function anchorKeys(m: ResolvableMention): string[] {
  return [
    ...new Set([
      ...m.organizations.flatMap(orgAnchorKeys),
      ...m.emailDomains.map((d) => `domain:${d}`),
      ...m.coInventors.map((c) => `co:${c.slice('name:'.length)}`),
      ...m.patents.map((p) => `patent:${p}`),
      ...(m.coAuthors ?? []).map((c) => `co:${c.slice('name:'.length)}`),
      ...(m.works ?? []).map((w) => `work:${w}`),
    ]),
  ];
}

/** Computed once per resolvable: the stored keys and the clustering of one rebuild both need them. */
const keysOf = new WeakMap<ResolvableMention, readonly string[]>();

/** Every blocking key of a mention, sorted and unique: the keys to store with it. */
export function blockingKeys(m: ResolvableMention): readonly string[] {
  let cached = keysOf.get(m);
  if (cached === undefined) {
    const anchors = anchorKeys(m);
    const keys = new Set(strongKeys(m));
    for (const block of nameKeys(m)) for (const anchor of anchors) keys.add(`${block}|${anchor}`);
    cached = Object.freeze([...keys].sort());
    keysOf.set(m, cached);
  }
  return cached;
}
