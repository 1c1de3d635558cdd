import { describe, expect, it } from 'vitest';
import { productToken, RobotsRules } from '../../../jobs/robots.js';

const UA = 'TalentBrainBot/0.1 (+mailto:office@example.org)';

describe('robots.txt rules (RFC 9309)', () => {
  it('takes the product token of a User-Agent', () => {
    expect(productToken(UA)).toBe('talentbrainbot');
    expect(productToken('Googlebot')).toBe('googlebot');
  });

  it('applies the group naming our token, else the * group, never both', () => {
    const rules = RobotsRules.parse(
      ['User-agent: *', 'Disallow: /private/', '', 'User-agent: TalentBrainBot', 'Disallow: /drafts/'].join(
        '\n',
      ),
    );
    expect(rules.isAllowed(UA, '/drafts/a.html')).toBe(false);
    expect(rules.isAllowed(UA, '/private/a.html')).toBe(true);
    expect(rules.isAllowed('OtherBot/1.0', '/private/a.html')).toBe(false);
    expect(rules.isAllowed('OtherBot/1.0', '/drafts/a.html')).toBe(true);
  });

  it('merges groups of one agent and groups with several User-agent lines', () => {
    const rules = RobotsRules.parse(
      [
        'User-agent: a-bot',
        'User-agent: talentbrainbot',
        'Disallow: /one/',
        '',
        'User-agent: TALENTBRAINBOT/2.0',
        'Disallow: /two/',
      ].join('\n'),
    );
    expect(rules.isAllowed(UA, '/one/x')).toBe(false);
    expect(rules.isAllowed(UA, '/two/x')).toBe(false);
    expect(rules.isAllowed('a-bot', '/one/x')).toBe(false);
    expect(rules.isAllowed('a-bot', '/two/x')).toBe(true);
  });

  it('the longest matching rule wins; on a tie, allow', () => {
    const rules = RobotsRules.parse(
      [
        'User-agent: *',
        'Disallow: /people/',
        'Allow: /people/public/',
        'Allow: /same',
        'Disallow: /same',
      ].join('\n'),
    );
    expect(rules.decide(UA, '/people/x')).toEqual({ allowed: false, rule: 'Disallow: /people/' });
    expect(rules.decide(UA, '/people/public/x')).toEqual({ allowed: true, rule: 'Allow: /people/public/' });
    expect(rules.isAllowed(UA, '/same')).toBe(true);
    expect(rules.isAllowed(UA, '/other')).toBe(true);
  });

  it('matches * and the $ end anchor, paths with queries, and percent-encoding either way', () => {
    const rules = RobotsRules.parse(
      [
        'User-agent: *',
        'Disallow: /*.pdf$',
        'Disallow: /search?',
        'Disallow: /café/',
        'Disallow: /a%2fb',
      ].join('\n'),
    );
    expect(rules.isAllowed(UA, '/files/cv.pdf')).toBe(false);
    expect(rules.isAllowed(UA, '/files/cv.pdf?download=1')).toBe(true);
    expect(rules.isAllowed(UA, '/search?q=x')).toBe(false);
    expect(rules.isAllowed(UA, '/search')).toBe(true);
    expect(rules.isAllowed(UA, '/caf%C3%A9/menu')).toBe(false);
    expect(rules.isAllowed(UA, '/a%2Fb')).toBe(false);
  });

  it('an empty Disallow allows everything; rules before any User-agent belong to no group', () => {
    expect(RobotsRules.parse('User-agent: *\nDisallow:\n').isAllowed(UA, '/x')).toBe(true);
    expect(RobotsRules.parse('Disallow: /\nUser-agent: *\nAllow: /\n').isAllowed(UA, '/x')).toBe(true);
  });

  it('always allows /robots.txt, and ignores comments, blank lines, unknown fields, BOM and CRLF', () => {
    const rules = RobotsRules.parse(
      '\uFEFF# comment\r\nUser-agent: * # all\r\nDisallow: / # everything\r\nFoo: bar\r\n',
    );
    expect(rules.isAllowed(UA, '/robots.txt')).toBe(true);
    expect(rules.isAllowed(UA, '/index.html')).toBe(false);
  });

  it('reads Crawl-delay (seconds, decimals allowed) of the applicable group, and Sitemap lines', () => {
    const rules = RobotsRules.parse(
      [
        'User-agent: *',
        'Crawl-delay: 0.5',
        '',
        'User-agent: slowbot',
        'Crawl-delay: 10',
        'Sitemap: https://x.example/s.xml',
      ].join('\n'),
    );
    expect(rules.crawlDelayMs(UA)).toBe(500);
    expect(rules.crawlDelayMs('SlowBot/1')).toBe(10_000);
    expect(RobotsRules.parse('User-agent: *\nCrawl-delay: soon\n').crawlDelayMs(UA)).toBeUndefined();
    expect(rules.sitemaps).toEqual(['https://x.example/s.xml']);
  });

  it('allow-all and disallow-all stand for a missing and an unreachable robots.txt', () => {
    expect(RobotsRules.allowAll().isAllowed(UA, '/x')).toBe(true);
    expect(RobotsRules.disallowAll().isAllowed(UA, '/x')).toBe(false);
    expect(RobotsRules.disallowAll().isAllowed(UA, '/robots.txt')).toBe(true);
  });
});
