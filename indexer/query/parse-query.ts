/**
 * User query text → AST. Never throws: unbalanced quotes, stray parentheses and search-engine syntax
 * characters (`*`, `^`, `:`, `NEAR`…) are read as text, because the text comes from a search box and
 * an error there helps nobody. Backends quote every term, so no character reaches their own syntax.
 */

export type QueryField = 'name' | 'title' | 'org' | 'skill';

export type QueryNode =
  | { kind: 'term'; text: string; phrase: boolean; field?: QueryField }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

/** Null for an empty query (nothing but whitespace or punctuation). */
export type QueryAst = QueryNode | null;

/** Deeper nesting is read as text: protects the recursive parser from hostile input. */
const MAX_DEPTH = 16;
/** More terms than this are dropped: a query is typed by a person. */
const MAX_TERMS = 64;

type Token =
  | { t: 'word'; text: string; field?: QueryField; negated: boolean }
  | { t: 'phrase'; text: string; field?: QueryField; negated: boolean }
  | { t: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { t: 'open'; negated: boolean }
  | { t: 'close' };

const HAS_CONTENT = /[\p{L}\p{N}]/u;
const FIELD_PREFIX = /^(name|title|org|skill):/i;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const text = input.normalize('NFKC');
  let i = 0;
  while (i < text.length && tokens.length < MAX_TERMS * 3) {
    const c = text[i] as string;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push(c === '(' ? { t: 'open', negated: false } : { t: 'close' });
      i++;
      continue;
    }
    // A word runs to whitespace, a parenthesis or a quote; `-` and `field:` may prefix a phrase.
    let j = i;
    while (j < text.length && !/[\s()"]/u.test(text[j] as string)) j++;
    let word = text.slice(i, j);
    let negated = false;
    if (word.startsWith('-') && (word.length > 1 || text[j] === '"' || text[j] === '(')) {
      negated = true;
      word = word.slice(1);
    }
    let field: QueryField | undefined;
    const prefix = FIELD_PREFIX.exec(word);
    if (prefix) {
      field = (prefix[1] as string).toLowerCase() as QueryField;
      word = word.slice(prefix[0].length);
    }
    if (word === '' && text[j] === '"') {
      const end = text.indexOf('"', j + 1);
      // Unbalanced quote: the quote is dropped and the rest read as words.
      if (end === -1) {
        i = j + 1;
        continue;
      }
      const phrase = text
        .slice(j + 1, end)
        .replace(/\s+/gu, ' ')
        .trim();
      if (HAS_CONTENT.test(phrase))
        tokens.push({ t: 'phrase', text: phrase, negated, ...(field ? { field } : {}) });
      i = end + 1;
      continue;
    }
    if (word === '' && text[j] === '(' && negated && field === undefined) {
      tokens.push({ t: 'open', negated: true });
      i = j + 1;
      continue;
    }
    i = j;
    if (!negated && field === undefined && (word === 'AND' || word === 'OR' || word === 'NOT')) {
      tokens.push({ t: 'op', op: word });
      continue;
    }
    if (word === '&&') tokens.push({ t: 'op', op: 'AND' });
    else if (word === '||') tokens.push({ t: 'op', op: 'OR' });
    else if (HAS_CONTENT.test(word))
      tokens.push({ t: 'word', text: word, negated, ...(field ? { field } : {}) });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  private terms = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): QueryAst {
    const nodes: QueryNode[] = [];
    // Stray closing parentheses at the top level are skipped, and parsing goes on.
    while (this.pos < this.tokens.length) {
      const node = this.or(0);
      if (node) nodes.push(node);
      if (this.peek()?.t === 'close') this.pos++;
    }
    return simplify({ kind: 'and', children: nodes });
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private or(depth: number): QueryNode | null {
    const children: QueryNode[] = [];
    for (;;) {
      const node = this.and(depth);
      if (node) children.push(node);
      const next = this.peek();
      if (next?.t === 'op' && next.op === 'OR') {
        this.pos++;
        continue;
      }
      break;
    }
    return simplify({ kind: 'or', children });
  }

  private and(depth: number): QueryNode | null {
    const children: QueryNode[] = [];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.t === 'close') break;
      if (next.t === 'op' && next.op === 'OR') break;
      if (next.t === 'op' && next.op === 'AND') {
        this.pos++;
        continue;
      }
      const node = this.unary(depth);
      if (node) children.push(node);
    }
    return simplify({ kind: 'and', children });
  }

  private unary(depth: number): QueryNode | null {
    const token = this.peek();
    if (token === undefined) return null;
    if (token.t === 'op' && token.op === 'NOT') {
      this.pos++;
      const next = this.peek();
      if (next === undefined || next.t === 'close' || (next.t === 'op' && next.op !== 'NOT')) return null;
      const child = this.unary(depth);
      return child ? { kind: 'not', child } : null;
    }
    this.pos++;
    if (token.t === 'open') {
      let inner: QueryNode | null;
      if (depth >= MAX_DEPTH) inner = null;
      else inner = this.or(depth + 1);
      // A missing `)` closes at the end of the query.
      if (this.peek()?.t === 'close') this.pos++;
      if (inner === null) return null;
      return token.negated ? { kind: 'not', child: inner } : inner;
    }
    if (token.t === 'word' || token.t === 'phrase') {
      if (this.terms >= MAX_TERMS) return null;
      this.terms++;
      const term: QueryNode = {
        kind: 'term',
        text: token.text,
        phrase: token.t === 'phrase',
        ...(token.field ? { field: token.field } : {}),
      };
      return token.negated ? { kind: 'not', child: term } : term;
    }
    return null; // a stray operator or ')' handled by the caller
  }
}

function simplify(node: QueryNode): QueryNode | null {
  if (node.kind === 'and' || node.kind === 'or') {
    if (node.children.length === 0) return null;
    if (node.children.length === 1) return node.children[0] as QueryNode;
  }
  return node;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;

export function parseQuery(text: string | undefined): QueryAst {
  if (text === undefined) return null;
  // The API refuses control characters; a query stored before it did (a saved search), or given
  // to the CLI, has them read as spaces: a NUL must never reach the index's query language.
  text = text.replace(CONTROL, ' ');
  try {
    return new Parser(tokenize(text.slice(0, 2000))).parse();
  } catch {
    // Defensive: the parser is written not to throw; should it, the whole text becomes one phrase.
    const plain = text.replace(/\s+/gu, ' ').trim().slice(0, 200);
    return HAS_CONTENT.test(plain) ? { kind: 'term', text: plain, phrase: true } : null;
  }
}

/** Every term under a node, with whether it is negated an odd number of times. */
export function termsOf(
  node: QueryAst,
  negated = false,
): Array<{ term: Extract<QueryNode, { kind: 'term' }>; negated: boolean }> {
  if (node === null) return [];
  if (node.kind === 'term') return [{ term: node, negated }];
  if (node.kind === 'not') return termsOf(node.child, !negated);
  return node.children.flatMap((c) => termsOf(c, negated));
}
