import { describe, expect, it } from 'vitest';
import { parseSources } from '../../../config/sources.js';
import {
  inScope,
  normalizeUrl,
  pathAndQuery,
  shouldExtract,
  shouldFollow,
  urlKey,
} from '../../../jobs/url.js';

describe('URL normalization', () => {
  it('gives one spelling per page', () => {
    expect(normalizeUrl('HTTP://Example.EDU:80/a/./b/../c.html#top')).toBe('http://example.edu/a/c.html');
    expect(normalizeUrl('https://example.edu:443/%7euser/%41?')).toBe('https://example.edu/~user/A');
    expect(normalizeUrl('https://example.edu/a%2fb?q=%e4%b8%ad')).toBe(
      'https://example.edu/a%2Fb?q=%E4%B8%AD',
    );
    expect(normalizeUrl('https://example.edu./x')).toBe('https://example.edu/x');
    expect(normalizeUrl('https://example.edu/x?b=2&a=1')).toBe('https://example.edu/x?b=2&a=1');
  });

  it('resolves relative links and refuses what is not http(s)', () => {
    expect(normalizeUrl('../people/', 'https://example.edu/lab/index.html')).toBe(
      'https://example.edu/people/',
    );
    expect(normalizeUrl('mailto:a@example.edu')).toBeUndefined();
    expect(normalizeUrl('javascript:void(0)', 'https://example.edu/')).toBeUndefined();
    expect(normalizeUrl('ftp://example.edu/x')).toBeUndefined();
    expect(normalizeUrl('https://user:pw@example.edu/')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
  });

  it('keys are stable hex', () => {
    expect(urlKey('https://example.edu/')).toMatch(/^[0-9a-f]{32}$/);
    expect(urlKey('https://example.edu/')).toBe(urlKey('https://example.edu/'));
    expect(pathAndQuery('https://example.edu/a?b=1')).toBe('/a?b=1');
  });
});

describe('scope, follow and extract rules', () => {
  const [source] = parseSources(
    {
      sources: [
        {
          id: 'lab',
          seeds: ['https://lab.example.edu/'],
          scope: { hosts: ['lab.example.edu', 'people.example.edu'], exclude: ['^/admin/'] },
          follow: { include: ['^/$', '^/people/'], exclude: ['\\?print=1$'] },
          extract: { hint: 'profile-page', include: ['^/people/[^/]+$'] },
        },
      ],
    },
    'test',
  );
  if (source === undefined) throw new Error('no source');

  it('scope: allowed hosts (with their port) and patterns', () => {
    expect(inScope(source, 'https://lab.example.edu/people/x')).toBe(true);
    expect(inScope(source, 'https://people.example.edu/x')).toBe(true);
    expect(inScope(source, 'https://lab.example.edu:8443/x')).toBe(false);
    expect(inScope(source, 'https://other.example.edu/')).toBe(false);
    expect(inScope(source, 'https://lab.example.edu/admin/users')).toBe(false);
  });

  it('follow: in scope and matching the follow rules', () => {
    expect(shouldFollow(source, 'https://lab.example.edu/people/x')).toBe(true);
    expect(shouldFollow(source, 'https://lab.example.edu/people/x?print=1')).toBe(false);
    expect(shouldFollow(source, 'https://lab.example.edu/news/')).toBe(false);
    expect(shouldFollow(source, 'https://lab.example.edu/admin/people/')).toBe(false);
  });

  it('extract: only pages matching extract.include become records', () => {
    expect(shouldExtract(source, 'https://lab.example.edu/people/x')).toBe(true);
    expect(shouldExtract(source, 'https://lab.example.edu/people/')).toBe(false);
  });
});
