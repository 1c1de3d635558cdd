import type { RegionTie } from '../../api/ties/region-ties.js';
import type { QueryUnderstanding } from '../../api/understand/understood.js';
import type { SearchHit, SearchResult, SortOrder } from '../../indexer/contract.js';

/** `understood as: city Changchun 长春 · industry … · text "工程师"`, or nothing when the words were not read. */
export function formatUnderstood(understood: QueryUnderstanding): string {
  if (!understood.applied || understood.chips.length === 0) return '';
  const chips = understood.chips.map((c) => {
    const label = c.label.en === c.label.zh ? c.label.en : `${c.label.en} ${c.label.zh}`;
    return `${c.kind} ${label}${c.matched && c.matched !== c.label.en && c.matched !== c.label.zh ? ` (“${c.matched}”)` : ''}`;
  });
  const text = understood.text === '' ? 'no text' : `text "${understood.text}"`;
  return `understood as: ${[...chips, text].join(' · ')}\n(--no-understand searches the words as typed)\n\n`;
}

/** `semiconductors 64 · materials 14`; under `score:<industry>` that industry comes first. */
function industriesLine(hit: SearchHit, sortIndustry: string | undefined): string {
  const shown = hit.topIndustries.filter((i) => i.industry !== sortIndustry);
  const parts = [
    ...(sortIndustry !== undefined ? [`${sortIndustry} ${hit.score}`] : []),
    ...shown.map((i) => `${i.industry} ${i.score}`),
  ];
  return parts.length > 0 ? parts.join(' · ') : 'no priority-industry match';
}

/**
 * The ranked list a recruiter reads: one block of simple lines per hit (no columns, so Chinese
 * and English names need no width arithmetic), then the total, the next cursor and the facets.
 */
export function formatSearchResult(
  result: Omit<SearchResult, 'hits'> & { hits: Array<SearchHit & { ties?: RegionTie }> },
  sort: SortOrder,
  options: { continued: boolean },
): string {
  const sortIndustry = sort.startsWith('score:') ? sort.slice('score:'.length) : undefined;
  const lines: string[] = [];
  const noun = result.total === 1 ? 'profile matches' : 'profiles match';
  lines.push(
    result.hits.length === result.total
      ? `${result.total} ${noun} · sorted by ${sort}`
      : `${result.total} ${noun} · ${options.continued ? 'next' : 'top'} ${result.hits.length} · sorted by ${sort}`,
  );
  const width = String(result.hits.length).length;
  result.hits.forEach((hit, i) => {
    const indent = ' '.repeat(width + 2);
    lines.push('');
    lines.push(
      `${String(i + 1).padStart(width)}. ${hit.displayName} · tier ${hit.tier} · ${industriesLine(hit, sortIndustry)}`,
    );
    if (hit.affiliation !== undefined) lines.push(`${indent}${hit.affiliation}`);
    lines.push(`${indent}${hit.reason}`);
    if (hit.ties !== undefined)
      lines.push(`${indent}tie to ${hit.ties.region} ${hit.ties.score}: ${hit.ties.summary}`);
    lines.push(`${indent}id ${hit.id}`);
  });
  if (result.nextCursor !== undefined) {
    lines.push('');
    lines.push(`more: repeat the search with --cursor ${result.nextCursor}`);
  }
  const facets = Object.entries(result.facets);
  if (facets.length > 0) {
    lines.push('');
    lines.push('facets (over every match):');
    for (const [facet, buckets] of facets)
      lines.push(
        `  ${facet}: ${buckets.length > 0 ? buckets.map((b) => `${b.value} ${b.count}`).join(', ') : '—'}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
