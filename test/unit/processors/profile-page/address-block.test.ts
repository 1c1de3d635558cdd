import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { profileHtmlParser } from '../../../../processors/profile-page/profile-html-parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

/** Made-up homepages of fictional people whose only affiliation is a postal address block. */
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/profile-address');
const page = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

const BR_BLOCK = page('eth-lab-br-lines.html');

const DOT_BLOCK = page('one-line-middots.html');

const ZH_BLOCK = page('zh-address-block.html');

const NOT_A_BLOCK = page('no-address-block.html');

function subject(html: string): PersonMention {
  const [m] = parsedMentions(profileHtmlParser.parse(envelopeOf(html, 'profile-html'), defaultParseLimits));
  if (m === undefined) throw new Error('no subject');
  return m;
}

describe('profile-html: address block under the name', () => {
  it('lab, institution, city and country from <br> lines; the (AT)/(DOT) e-mail decoded', () => {
    const m = subject(BR_BLOCK);
    expect(m.affiliations).toHaveLength(1);
    expect(m.affiliations[0]).toMatchObject({
      organization: 'ETH Zürich',
      department: 'Computer Vision Lab',
      current: true,
      location: { street: 'Sternwartstrasse 7', postalCode: '8092', city: 'Zürich', country: 'Switzerland' },
    });
    expect(m.emails).toContain('lbrunner@vision.ee.ethz.ch');
  });

  it('one line with · between the parts', () => {
    const m = subject(DOT_BLOCK);
    expect(m.affiliations[0]).toMatchObject({
      organization: 'University of Northbridge',
      department: 'Robotics and Perception Group',
      location: { country: 'United Kingdom' },
    });
  });

  it('Chinese: 大学 + 系 split, 实验室 as a unit, 地址 → city and postcode', () => {
    const m = subject(ZH_BLOCK);
    expect(m.affiliations[0]).toMatchObject({
      organization: '清华大学',
      department: '计算机科学与技术系, 智能技术与系统国家重点实验室',
      location: { city: '北京市', postalCode: '100084' },
    });
    expect(m.emails).toContain('lijing@tsinghua.edu.cn');
  });

  it('lines under the name without an address or contact line are not an address block', () => {
    expect(subject(NOT_A_BLOCK).affiliations).toEqual([]);
  });
});
