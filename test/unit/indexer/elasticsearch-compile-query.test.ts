import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../indexer/contract.js';
import { isSearchAfter, textQuery } from '../../../indexer/elasticsearch/compile-query.js';
import { decodeCursor, encodeCursor, searchInput } from '../../../indexer/search-input.js';
import { trigramTokens } from '../../../indexer/elasticsearch/substring-grams.js';
import { parseQuery } from '../../../indexer/query/parse-query.js';

/** What the Elasticsearch backend sends, computed without a node (the backend's own suite is test/integration/elasticsearch-index.test.ts). */
describe('elasticsearch query compilation', () => {
  it('indexes text as trigram tokens, spaces kept inside a token', () => {
    expect(trigramTokens('fiber laser')).toBe('fib ibe ber er\u2581 r\u2581l \u2581la las ase ser');
    expect(trigramTokens('长春光机所')).toBe('长春光 春光机 光机所');
    expect(trigramTokens('ai')).toBe('');
  });

  it('adds a ranking-only clause on the Chinese analyzer fields when the index has them', () => {
    const ast = parseQuery('光电 laser -激光');
    const plain = JSON.stringify(textQuery(ast, undefined));
    expect(plain).not.toContain('.zh');
    const ranked = textQuery(ast, 'smartcn') as { bool: { must: unknown[]; should: unknown[] } };
    // Matching is the plain query, unchanged; the boost names the positive Chinese terms only.
    expect(JSON.stringify(ranked.bool.must)).toBe(`[${plain}]`);
    expect(ranked.bool.should).toEqual([
      {
        multi_match: {
          query: '光电',
          type: 'best_fields',
          fields: ['name.zh^10', 'title.zh^5', 'org.zh^4', 'skill.zh^4', 'body.zh^1'],
        },
      },
    ]);
  });

  it('refuses a cursor of another query or a forged one', () => {
    const input = searchInput({ text: 'laser', sort: 'priority' }, true);
    const cursor = encodeCursor(input, [50, 'tp-1']);
    expect(decodeCursor(cursor, input, isSearchAfter('priority'))).toEqual([50, 'tp-1']);
    const other = searchInput({ text: 'fiber', sort: 'priority' }, true);
    expect(() => decodeCursor(cursor, other, isSearchAfter('priority'))).toThrow(InvalidCursorError);
    const forged = encodeCursor(input, ['50', 'tp-1']);
    expect(() => decodeCursor(forged, input, isSearchAfter('priority'))).toThrow(InvalidCursorError);
  });
});
