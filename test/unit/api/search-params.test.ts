import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/http/errors.js';
import { searchQueryOf, splitCommaLists } from '../../../api/search/search-params.js';

const industries = ['automotive', 'semiconductors', 'optoelectronics'];

function badRequestOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusCode).toBe(400);
    return (error as ApiError).message;
  }
  throw new Error('expected a 400');
}

describe('searchQueryOf', () => {
  it('turns HTTP parameters into the index query', () => {
    expect(
      searchQueryOf(
        {
          q: ' 激光 长春 ',
          industry: ['optoelectronics'],
          tier: ['A', 'B', 'A'],
          country: ['China'],
          region: ['CN-JL'],
          skill: ['Zemax'],
          minScore: 30,
          seenSince: '2025-01-31',
          sort: 'score:optoelectronics',
          limit: 50,
          cursor: 'abc',
          facets: ['industry', 'tier', 'industry'],
        },
        industries,
      ),
    ).toEqual({
      text: '激光 长春',
      filters: {
        industries: ['optoelectronics'],
        tiers: ['A', 'B'],
        countries: ['CN'],
        regions: ['CN-JL'],
        skills: ['Zemax'],
        minScore: 30,
        seenSince: '2025-01-31',
      },
      sort: 'score:optoelectronics',
      limit: 50,
      cursor: 'abc',
      facets: ['industry', 'tier'],
    });
  });

  it('defaults: 20 hits; one industry without text sorts by its score; facets=all', () => {
    expect(searchQueryOf({}, industries)).toEqual({ limit: 20 });
    expect(searchQueryOf({ industry: ['automotive'] }, industries).sort).toBe('score:automotive');
    expect(searchQueryOf({ q: 'x', industry: ['automotive'] }, industries).sort).toBeUndefined();
    expect(searchQueryOf({ facets: ['all'] }, industries).facets).toEqual([
      'industry',
      'tier',
      'country',
      'region',
      'city',
      'skill',
    ]);
  });

  it('refuses unknown industries, countries, bad dates and sorts with a message naming the fix', () => {
    expect(badRequestOf(() => searchQueryOf({ industry: ['chips'] }, industries))).toMatch(
      /unknown industry "chips" in industry; GET \/api\/industries/,
    );
    expect(badRequestOf(() => searchQueryOf({ sort: 'score:chips' }, industries))).toMatch(/in sort/);
    expect(badRequestOf(() => searchQueryOf({ sort: 'newest' }, industries))).toMatch(
      /relevance, priority or score:<industry>/,
    );
    expect(badRequestOf(() => searchQueryOf({ country: ['Atlantis'] }, industries))).toMatch(/ISO 3166-1/);
    expect(badRequestOf(() => searchQueryOf({ seenSince: '2025-02-30' }, industries))).toMatch(/YYYY-MM-DD/);
  });
});

describe('splitCommaLists', () => {
  it('reads comma lists and repeated parameters alike', () => {
    expect(splitCommaLists({ tier: 'A, B', industry: ['x', 'y,z'], q: 'a,b' }, ['tier', 'industry'])).toEqual(
      {
        tier: ['A', 'B'],
        industry: ['x', 'y', 'z'],
        q: 'a,b',
      },
    );
  });
});
