import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyText, extractLinks, parseSitemap } from '../../../jobs/links.js';

describe('links of a page', () => {
  const page = 'https://lab.example.edu/people/index.html';

  it('resolves, normalizes and dedupes a and area links; skips non-http ones and fragments', () => {
    const html = `<html><body>
      <a href="a.html">A</a> <a href="a.html#bio">A again</a> <a href="/b/">B</a>
      <a href="HTTPS://Other.Example.EDU:443/c">C</a> <map><area href="d.html"></map>
      <a href="mailto:x@example.edu">mail</a> <a href="javascript:void(0)">js</a> <a>no href</a>
    </body></html>`;
    expect(extractLinks(html, page, { respectNofollow: true })).toEqual({
      links: [
        'https://lab.example.edu/people/a.html',
        'https://lab.example.edu/b/',
        'https://other.example.edu/c',
        'https://lab.example.edu/people/d.html',
      ],
      noindex: false,
      nofollow: false,
    });
  });

  it('honours <base href>, rel=nofollow and robots meta directives', () => {
    const html = `<html><head><base href="https://lab.example.edu/v2/"><meta name="robots" content="noindex, nofollow"></head>
      <body><a href="x.html">x</a><a rel="external nofollow" href="login.html">login</a></body></html>`;
    expect(extractLinks(html, page, { respectNofollow: true })).toEqual({
      links: ['https://lab.example.edu/v2/x.html'],
      noindex: true,
      nofollow: true,
    });
    expect(extractLinks(html, page, { respectNofollow: false }).links).toHaveLength(2);
    expect(
      extractLinks('<meta name="ROBOTS" content="none">', page, { respectNofollow: true }),
    ).toMatchObject({ noindex: true, nofollow: true });
  });

  it('decodes the body in its declared charset', () => {
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好 in GBK
    expect(bodyText(gbk, 'text/html; charset=GBK')).toBe('你好');
    expect(bodyText(Buffer.from('héllo'), 'text/html')).toBe('héllo');
    expect(bodyText(Buffer.from('x'), 'text/html; charset=nonsense')).toBe('x');
  });
});

describe('sitemaps', () => {
  it('reads a urlset and a sitemap index, compressed or not', () => {
    const urlset = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://lab.example.edu/a </loc></url><url><loc>https://lab.example.edu/b#x</loc></url><url><loc>nonsense</loc></url></urlset>`;
    expect(parseSitemap(Buffer.from(urlset), 'application/xml')).toEqual({
      pages: ['https://lab.example.edu/a', 'https://lab.example.edu/b'],
      sitemaps: [],
    });
    const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://lab.example.edu/s1.xml.gz</loc></sitemap></sitemapindex>`;
    expect(parseSitemap(gzipSync(index), 'application/gzip')).toEqual({
      pages: [],
      sitemaps: ['https://lab.example.edu/s1.xml.gz'],
    });
  });

  it('reads a plain-text sitemap, one URL a line', () => {
    expect(
      parseSitemap(Buffer.from('https://lab.example.edu/a\n\nhttps://lab.example.edu/b\r\n'), 'text/plain')
        .pages,
    ).toEqual(['https://lab.example.edu/a', 'https://lab.example.edu/b']);
  });
});
