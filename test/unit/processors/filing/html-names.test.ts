import { describe, expect, it } from 'vitest';
import { cleanNameText, findNames, isPersonName, nameKey } from '../../../../processors/filing/html-names.js';
import { cleanTitle, rolesOfTitle } from '../../../../processors/filing/html-titles.js';

describe('filing HTML person names', () => {
  it('accepts names with initials, suffixes, particles, hyphens and Han characters', () => {
    for (const n of [
      'Jane Doe',
      'R. Andrew Dickson III',
      'Robert E. Bigelow, III',
      'Jen-Hsun Huang',
      'Ludwig van Beethoven',
      'María José de la Fuente',
      'Erica McLaughlin',
      '王建国',
      'Safra A. Catz',
    ]) {
      expect(isPersonName(n), n).toBe(true);
    }
  });

  it('rejects headings, companies, committees and titles', () => {
    for (const n of [
      'Chairman of the Board',
      'Chief Financial Officer',
      'Compensation Committee',
      'Board of Directors',
      'JPMorgan Chase',
      'Cabot Corporation',
      'Executive Officers',
      'Election of Directors',
      'Employment Agreement',
      'The Nasdaq Stock Market',
      'Item 5.02',
      'Ernst & Young LLP',
    ]) {
      expect(isPersonName(n), n).toBe(false);
    }
  });

  it('cleans footnote marks and honorifics, and keys middle-initial variants together', () => {
    expect(cleanNameText('Daniel B. Wolfe(3)')).toBe('Daniel B. Wolfe');
    expect(cleanNameText('Michael M. Morrow*')).toBe('Michael M. Morrow');
    expect(nameKey('Parker A. Weil')).toBe(nameKey('Parker Weil'));
    expect(nameKey('Robert E. Bigelow, III')).toBe('robert bigelow');
  });

  it('finds full names and Mr. references in sentences', () => {
    const hits = findNames(
      'On March 17, 2023, the Board appointed Brandon Hetzel as CFO. Mr. Hetzel’s salary is set by JPMorgan Chase & Co.',
    );
    expect(hits.map((h) => [h.name, h.surnameOnly === true])).toEqual([
      ['Brandon Hetzel', false],
      ['Hetzel', true],
    ]);
  });

  it('tells board roles from officer titles', () => {
    expect(rolesOfTitle('Independent Director')).toEqual(['director']);
    expect(rolesOfTitle('Managing Director and Corporate Secretary')).toEqual(['officer']);
    expect(rolesOfTitle('Chairman, Chief Executive Officer and Portfolio Manager')).toEqual([
      'director',
      'officer',
    ]);
    expect(
      cleanTitle('the Chief Financial Officer and Treasurer of AFC Gamma, Inc.', 'AFC GAMMA, INC.'),
    ).toBe('Chief Financial Officer and Treasurer');
  });
});
