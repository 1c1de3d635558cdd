import { load, type CheerioAPI } from 'cheerio';
import { DomHandler, Element } from 'domhandler';
import { Parser } from 'htmlparser2';
import type { ParseBudget } from './parse-budget.js';

/**
 * The one way the HTML parsers build a DOM: htmlparser2 (several times faster than parse5 and
 * lenient in the same places real pages need) with the document's {@link ParseBudget} enforced
 * *while* the tree is built.
 *
 * Why here and not after: htmlparser2 keeps its open-element stack with `Array#unshift`, so each
 * open tag costs O(depth) and a page of 100,000 nested `<div>`s (or unclosed `<li>`s) costs
 * O(n²) before any of our code runs (0.5 MB took 40 s). Rejecting at `maxDepth` while building
 * keeps that stack short, so building is linear in the document size; the element cap and the
 * clock bound everything else.
 */

const htmlOptions = { xmlMode: false, decodeEntities: true } as const;

/**
 * More top-level nodes than this are wrapped in one `<body>`. cheerio starts every `$(selector)`
 * from the document's top-level nodes and de-duplicates them pairwise (domutils
 * `removeSubsets`), so 50,000 unclosed `<p>`s at the top level (no `<html>`/`<body>`, as in
 * EDGAR's plain documents) made each selector O(n²). A browser puts them under `<body>` too.
 */
const MAX_TOP_LEVEL_NODES = 256;

/** A DomHandler that counts each element against the budget at its depth. */
class BudgetedDomHandler extends DomHandler {
  constructor(private readonly budget: ParseBudget) {
    super(undefined, htmlOptions);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // tagStack holds the document root plus the open elements.
    this.budget.enter(this.tagStack.length - 1);
  }

  override ontext(data: string): void {
    super.ontext(data);
    this.budget.step();
  }
}

/**
 * Parses HTML into a cheerio document within `budget`.
 * @throws ParseLimitError `too-deep` / `too-complex` when the document exceeds the budget.
 */
export function loadHtml(html: string, budget: ParseBudget): CheerioAPI {
  const handler = new BudgetedDomHandler(budget);
  new Parser(handler, htmlOptions).end(html);
  budget.checkClock();
  const root = handler.root;
  if (root.children.length > MAX_TOP_LEVEL_NODES) {
    const body = new Element('body', {}, root.children);
    for (const child of body.children) child.parent = body;
    body.parent = root;
    root.children = [body];
  }
  return load(root, { xml: htmlOptions });
}

/**
 * True when the text holds at least one tag (`<` + a letter or one of `extra`, later a `>`). A
 * linear scan: the obvious `/<[a-z!][^>]*>/` retries its `[^>]*` from every `<` and is quadratic
 * on a run of `<a` with no `>`.
 */
export function hasMarkup(text: string, extra = '!'): boolean {
  const close = text.lastIndexOf('>');
  for (let at = text.indexOf('<'); at >= 0 && at < close; at = text.indexOf('<', at + 1)) {
    const next = text[at + 1] ?? '';
    if (/[a-z]/i.test(next) || extra.includes(next)) return at + 1 < close;
  }
  return false;
}
