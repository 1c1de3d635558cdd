import { describe, expect, it } from 'vitest';
import { parseQuery, termsOf } from '../../../indexer/query/parse-query.js';

const term = (text: string, extra: Record<string, unknown> = {}) => ({
  kind: 'term',
  text,
  phrase: false,
  ...extra,
});

describe('parseQuery', () => {
  it('reads words as an implicit AND, and Chinese terms as they are', () => {
    expect(parseQuery('光电 laser')).toEqual({ kind: 'and', children: [term('光电'), term('laser')] });
    expect(parseQuery('长春光机所')).toEqual(term('长春光机所'));
  });

  it('reads control characters (a NUL) as spaces', () => {
    expect(parseQuery('laser\u0000optics')).toEqual({
      kind: 'and',
      children: [term('laser'), term('optics')],
    });
    expect(parseQuery('\u0000')).toBeNull();
  });

  it('reads phrases, fields, operators and parentheses', () => {
    expect(parseQuery('title:"chief engineer" OR org:一汽')).toEqual({
      kind: 'or',
      children: [term('chief engineer', { phrase: true, field: 'title' }), term('一汽', { field: 'org' })],
    });
    expect(parseQuery('(a1 OR b2) AND NOT c3')).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [term('a1'), term('b2')] },
        { kind: 'not', child: term('c3') },
      ],
    });
    expect(parseQuery('laser -fiber')).toEqual({
      kind: 'and',
      children: [term('laser'), { kind: 'not', child: term('fiber') }],
    });
    expect(parseQuery('SKILL:ML')).toEqual(term('ML', { field: 'skill' }));
  });

  it('reads syntax it cannot use as text, and never throws', () => {
    expect(parseQuery('"unbalanced laser')).toEqual({
      kind: 'and',
      children: [term('unbalanced'), term('laser')],
    });
    expect(parseQuery('laser)')).toEqual(term('laser'));
    expect(parseQuery('(laser')).toEqual(term('laser'));
    expect(parseQuery('laser* NEAR ^x')).toEqual({
      kind: 'and',
      children: [term('laser*'), term('NEAR'), term('^x')],
    });
    expect(parseQuery('other:field')).toEqual(term('other:field'));
    for (const text of ['', '   ', '"', '()', 'AND', 'OR', 'NOT', '*', ':', '-', '"" ()', 'NOT (']) {
      expect(parseQuery(text), text).toBeNull();
    }
    const deep = `${'('.repeat(5000)}x${')'.repeat(5000)}`;
    expect(() => parseQuery(deep)).not.toThrow();
    expect(termsOf(parseQuery('x '.repeat(1000)))).toHaveLength(64);
  });

  it('lists terms with their polarity', () => {
    expect(termsOf(parseQuery('a1 NOT (b2 OR -c3)')).map((t) => [t.term.text, t.negated])).toEqual([
      ['a1', false],
      ['b2', true],
      ['c3', false],
    ]);
  });
});
