import { cleanNameText, isPersonName, leadingName } from './html-names.js';
import type { PeopleBook, PersonFact } from './html-people.js';
import { roleOfSection, type SectionKind } from './html-sections.js';
import type { HtmlDoc, TableCell, TableRow, TableView } from './html-text.js';
import { cleanTitle, isTitleLike, type HtmlRole } from './html-titles.js';

/**
 * People in tables: executive-officer tables (Name | Age | Position), 20-F Item 6 tables,
 * nominee tables, compensation tables, 8-K Item 5.07 vote tables and beneficial-ownership tables.
 * Header cells are found by their text; data cells are matched to headers by grid column, since
 * SEC tables pad every column with spacer cells.
 */

type GroupRole = HtmlRole | 'mixed' | 'skip';

const HEADER_CELL =
  /^(?:name|names|age|position|positions|title|titles|office|nominee|director|executive officer|named executive|principal occupation)|\bname\b|\bage\b|\bposition|\bnominee|\bdirector since\b/i;
const NAME_HEADER = /\bname\b|nominee|^directors?\b|executive officers?|^officers?\b|^director or nominee/i;
const AGE_HEADER = /^age\b|\bage$/i;
const TITLE_HEADER = /position|title|office(?!r)|principal occupation|capacity|role/i;

function groupOf(text: string): GroupRole | undefined {
  const t = text.replace(/\(\d+\)|[:*]/g, '').trim();
  if (t.length > 80 || /as a group/i.test(t)) return undefined;
  if (
    /(?:five|5)\s*(?:%|percent)|more than|principal (?:share|stock)holders|other (?:share|stock)holders|beneficial owners of more/i.test(
      t,
    )
  )
    return 'skip';
  if (/directors?\s+and\s+(?:named\s+)?executive\s+officers|officers\s+and\s+directors/i.test(t))
    return 'mixed';
  if (/directors?\s+(?:or|and)\s+(?:director\s+)?nominees?/i.test(t)) return 'director';
  if (/nominees?/i.test(t)) return 'director-nominee';
  if (/executive\s+officers?|named\s+executive|^officers$|senior management|management$/i.test(t))
    return 'officer';
  if (/directors?|trustees?/i.test(t)) return 'director';
  return undefined;
}

function headerRoleOf(text: string): GroupRole | undefined {
  if (/principal position/i.test(text)) return 'officer';
  return groupOf(text);
}

interface Columns {
  headerRow: number;
  nameStart: number;
  nameHeader: string;
  ageStart?: number;
  titleStart?: number;
  headerText: string;
}

function findColumns(table: TableView): Columns | undefined {
  const limit = Math.min(table.rows.length, 5);
  for (let r = 0; r < limit; r++) {
    const row = table.rows[r];
    if (row === undefined) continue;
    const headerish = row.cells.filter((c) => c.text.length <= 90 && HEADER_CELL.test(c.text));
    if (headerish.length === 0) continue;
    const nameCell = row.cells.find((c) => NAME_HEADER.test(c.text) && c.text.length <= 90);
    if (nameCell === undefined) continue;
    // Data cells must not already be in this row (a data row that happens to say "Director").
    if (row.cells.some((c) => isPersonName(cleanNameText(c.lines[0] ?? '')))) continue;
    const cols: Columns = {
      headerRow: r,
      nameStart: nameCell.colStart,
      nameHeader: nameCell.text,
      headerText: row.cells.map((c) => c.text).join(' | '),
    };
    const age = row.cells.find((c) => c !== nameCell && AGE_HEADER.test(c.text));
    if (age !== undefined) cols.ageStart = age.colStart;
    const title = row.cells.find((c) => c !== nameCell && TITLE_HEADER.test(c.text));
    if (title !== undefined) cols.titleStart = title.colStart;
    return cols;
  }
  return undefined;
}

/** The data cell under a header column: the first non-empty cell starting at or after it. */
function cellAt(row: TableRow, start: number | undefined, headerStarts: number[]): TableCell | undefined {
  if (start === undefined) return undefined;
  const nextHeader =
    headerStarts.filter((s) => s > start).sort((a, b) => a - b)[0] ?? Number.POSITIVE_INFINITY;
  return row.cells.find((c) => c.colStart + c.colSpan > start && c.colStart < nextHeader);
}

function ageOf(text: string | undefined): number | undefined {
  const m = text?.match(/^\s*(\d{2,3})\s*(?:\(\d+\))?\s*$/) ?? text?.match(/\bage:?\s*(\d{2,3})\b/i);
  const n = m?.[1] === undefined ? undefined : Number(m[1]);
  return n !== undefined && n >= 18 && n <= 110 ? n : undefined;
}

export interface TableContext {
  doc: HtmlDoc;
  sections: SectionKind[];
  book: PeopleBook;
  issuer?: string;
  pathPrefix: string;
}

export function extractFromTables(ctx: TableContext): void {
  let carriedGroup: GroupRole | undefined;
  let previousKind = '';
  for (const table of ctx.doc.tables) {
    const firstRow = table.rows[0];
    if (firstRow === undefined || table.rows.length < 2) continue;
    const section = ctx.sections[firstRow.firstLine] ?? 'other';
    const cols = findColumns(table);
    const header = cols?.headerText ?? '';
    const kind = /beneficial|shares|amount and nature|percent|dollar range|number of shares/i.test(header)
      ? 'ownership'
      : /votes|withheld|broker non/i.test(header)
        ? 'votes'
        : /compensation|salary|bonus|award|fees|earned/i.test(header)
          ? 'compensation'
          : 'list';
    let group: GroupRole | undefined =
      kind === 'ownership' && previousKind === 'ownership' ? carriedGroup : undefined;
    const headerRole = cols === undefined ? undefined : headerRoleOf(cols.nameHeader);
    const headerStarts =
      cols === undefined
        ? []
        : [cols.nameStart, cols.ageStart, cols.titleStart].filter((s): s is number => s !== undefined);
    const startRow = cols === undefined ? 0 : cols.headerRow + 1;
    const facts: PersonFact[] = [];
    for (let r = startRow; r < table.rows.length; r++) {
      const row = table.rows[r];
      if (row === undefined) continue;
      const nameCell =
        cols === undefined ? row.cells[0] : (cellAt(row, cols.nameStart, headerStarts) ?? row.cells[0]);
      if (nameCell === undefined) continue;
      // Director "cards" laid out as table rows are read by extractCards, with their nominee marks.
      if (row.cells.some((c) => /^director\s+since\b/im.test(c.lines.join('\n')))) continue;
      const firstLine = nameCell.lines[0] ?? '';
      const rowGroup = groupOf(nameCell.text);
      // "Jane Doe, Chief Executive Officer" names a person, not a group heading.
      if (rowGroup !== undefined && !isPersonName(cleanNameText(firstLine)) && !namesThenComma(firstLine)) {
        group = rowGroup;
        continue;
      }
      let name = cleanNameText(firstLine);
      let inlineTitle: string | undefined;
      let inlineAge: number | undefined;
      if (!isPersonName(name)) {
        // "Jane Doe, 52" or "Jane Doe, Chair*" in one cell.
        const lead = leadingName(firstLine);
        if (lead === undefined) continue;
        // Only "Name, …" or "Name (…)": a name-like start of a longer phrase is something else.
        const after = firstLine.slice(firstLine.indexOf(lead.name) + lead.name.length);
        if (!/^\s*[,(]/.test(after)) continue;
        name = lead.name;
        const rest = lead.rest.replace(/^[,\s]+/, '');
        inlineAge = ageOf(rest.match(/^(?:age\s*)?(\d{2,3})\b/i)?.[1]);
        if (isTitleLike(rest)) inlineTitle = rest;
      }
      const fact: PersonFact = {
        name,
        path: ctx.pathPrefix + ctx.doc.pathOf(row.el),
        snippet: row.cells.map((c) => c.text).join(' | '),
      };
      const age =
        ageOf(cellAt(row, cols?.ageStart, headerStarts)?.text) ??
        inlineAge ??
        nameCell.lines.map((l) => ageOf(l)).find((a) => a !== undefined);
      if (age !== undefined) fact.age = age;
      const titleText = titleFor(row, nameCell, cols, headerStarts) ?? inlineTitle;
      const title = titleText === undefined ? undefined : cleanTitle(titleText, ctx.issuer);
      if (title !== undefined && title !== '' && isTitleLike(title)) fact.title = title;
      const role = decideRole(group, headerRole, section, kind, cols !== undefined);
      if (role === 'skip') continue;
      if (role === 'weak') fact.weak = 'known-only';
      // A titled row of a "Directors and Executive Officers" table says its own role.
      else if (role === 'mixed' && fact.title === undefined) fact.weak = 'director-or-officer';
      else if (role === 'mixed') delete fact.role;
      else if (role !== undefined) fact.role = role;
      if (section === 'item-5.07' && fact.role !== undefined && fact.role !== 'officer') {
        fact.role = 'director';
        fact.event = 'elected';
      }
      if (fact.role === undefined && fact.weak === undefined && fact.title === undefined) continue;
      facts.push(fact);
    }
    // A table with one stray name among many rows of something else is not a people table.
    if (cols === undefined && facts.length < 2) continue;
    for (const fact of facts) ctx.book.add(fact);
    if (kind === 'ownership') carriedGroup = group;
    previousKind = kind;
  }
}

/** True for a cell that opens with a person's name followed by a comma or parenthesis. */
function namesThenComma(text: string): boolean {
  const lead = leadingName(text);
  if (lead === undefined) return false;
  return /^\s*[,(]/.test(text.slice(text.indexOf(lead.name) + lead.name.length));
}

function titleFor(
  row: TableRow,
  nameCell: TableCell,
  cols: Columns | undefined,
  headerStarts: number[],
): string | undefined {
  const fromColumn = cellAt(row, cols?.titleStart, headerStarts);
  if (fromColumn !== undefined && fromColumn !== nameCell)
    return fromColumn.lines.join(', ').replace(/,\s*,/g, ',');
  // Name and title stacked in one cell (compensation tables), or a title in the next cell.
  const stacked = nameCell.lines.slice(1).find((l) => isTitleLike(l) && !/^\d/.test(l));
  if (stacked !== undefined) return stacked;
  const next = row.cells[row.cells.indexOf(nameCell) + 1];
  return next !== undefined && isTitleLike(next.text) ? next.text : undefined;
}

function decideRole(
  group: GroupRole | undefined,
  headerRole: GroupRole | undefined,
  section: SectionKind,
  kind: string,
  hasHeader: boolean,
): GroupRole | 'weak' | undefined {
  const sectionRole = roleOfSection(section);
  if (group === 'skip') return 'skip';
  // Inside a nominee section, "Independent Directors" sub-groups are still nominees.
  if (
    sectionRole === 'director-nominee' &&
    (group === 'director' || headerRole === 'director') &&
    kind === 'list'
  )
    return 'director-nominee';
  if (group !== undefined) return group;
  if (headerRole !== undefined && headerRole !== 'mixed') return headerRole;
  if (headerRole === 'mixed') return 'mixed';
  if (kind === 'ownership' || kind === 'votes') return 'weak';
  if (section === 'directors-and-officers') return undefined;
  // Without a header the table may be a committee grid or a skills matrix: names only confirm.
  if (!hasHeader) return 'weak';
  return sectionRole;
}
