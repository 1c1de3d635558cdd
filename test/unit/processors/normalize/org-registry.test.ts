import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../../config/industries.js';
import { loadScoring } from '../../../../config/scoring.js';
import { loadRoleFunctions } from '../../../../config/role-functions.js';
import { loadSkills } from '../../../../config/skills.js';
import { defaultArchiveLimits } from '../../../../ingest/files/archives/archive-limits.js';
import {
  readRegistrySource,
  readStoredRegistry,
  REGISTRY_FILE,
  writeStoredRegistry,
} from '../../../../ingest/files/registry-file.js';
import { organizationKey } from '../../../../processors/normalize/organization.js';
import {
  installOrganizationRegistry,
  OrganizationRegistry,
  registryRecordsOf,
} from '../../../../processors/normalize/org-registry.js';
import { SkillVocabulary } from '../../../../processors/normalize/skill.js';
import { ProfileFactory } from '../../../../processors/profile-factory.js';
import { makeZip } from '../../../helpers/archives.js';
import { corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';
import { madeUpMention, madeUpRecord } from '../../../helpers/made-up-mentions.js';

/** Made-up ROR records in both schemas (ids and details invented). */
const ROR_V1 = [
  {
    id: 'https://ror.org/00js3aw79',
    name: 'Jilin University',
    aliases: ['Jilin Univ.'],
    acronyms: ['JLU'],
    labels: [{ label: '吉林大学', iso639: 'zh' }],
    addresses: [{ city: 'Changchun' }],
    country: { country_code: 'CN', country_name: 'China' },
    relationships: [{ type: 'Child', label: 'Key Lab of Made-up Optics', id: 'https://ror.org/0000test1' }],
  },
  {
    id: 'https://ror.org/0000test1',
    name: 'Key Lab of Made-up Optics',
    aliases: [],
    acronyms: ['JLU'],
    labels: [],
    addresses: [],
    country: { country_code: 'CN', country_name: 'China' },
    relationships: [{ type: 'Parent', label: 'Jilin University', id: 'https://ror.org/00js3aw79' }],
  },
];
const ROR_V2 = {
  id: 'https://ror.org/0000test2',
  names: [
    { value: 'Northfield Institute of Photonics', types: ['ror_display', 'label'], lang: 'en' },
    { value: 'NIP', types: ['acronym'] },
    { value: '北原光子研究所', types: ['label'], lang: 'zh' },
  ],
  locations: [{ geonames_details: { name: 'Northfield', country_code: 'US' } }],
  relationships: [],
};

afterEach(() => installOrganizationRegistry(undefined));

describe('organisation registry', () => {
  it('one key for a name, its label in Chinese and its alias; a shared acronym decides nothing', () => {
    const registry = new OrganizationRegistry();
    const data = registryRecordsOf(ROR_V1);
    if (data === undefined) throw new Error('not read');
    registry.add(data);
    expect(organizationKey('吉林大学')).not.toBe(organizationKey('Jilin University'));
    installOrganizationRegistry(registry);
    expect(organizationKey('吉林大学')).toBe(organizationKey('Jilin University'));
    expect(organizationKey('Jilin Univ.')).toBe(organizationKey('Jilin University'));
    // Two registered organisations answer to JLU: it stays as written.
    expect(organizationKey('JLU')).toBe('jlu');
    expect(registry.organizationNamed('吉林大学')).toMatchObject({
      id: 'https://ror.org/00js3aw79',
      city: 'Changchun',
      country: 'CN',
      children: ['https://ror.org/0000test1'],
    });
    expect(registry.organization('https://ror.org/0000test1')?.parents).toEqual([
      'https://ror.org/00js3aw79',
    ]);
    // Names outside the registry keep their own keys.
    expect(organizationKey('Northfield Robotics Inc.')).toBe('northfield robotics');
  });

  it('reads ROR schema v2 names (display, acronym, labels) and locations', () => {
    const registry = new OrganizationRegistry();
    const data = registryRecordsOf(ROR_V2);
    if (data === undefined) throw new Error('not read');
    registry.add(data);
    installOrganizationRegistry(registry);
    expect(organizationKey('NIP')).toBe(organizationKey('Northfield Institute of Photonics'));
    expect(organizationKey('北原光子研究所')).toBe(organizationKey('Northfield Institute of Photonics'));
    expect(registry.organizationNamed('NIP')).toMatchObject({ city: 'Northfield', country: 'US' });
  });

  it('merges one person\u2019s two affiliations written in two scripts into one', () => {
    const registry = new OrganizationRegistry();
    registry.add(registryRecordsOf(ROR_V1) ?? { organizations: [], companies: [] });
    installOrganizationRegistry(registry);
    const factory = new ProfileFactory({
      industries: loadIndustries('config/industries.yaml'),
      scoring: loadScoring('config/scoring.yaml'),
      roleFunctions: loadRoleFunctions('config/role-functions.yaml'),
      vocabulary: new SkillVocabulary(loadSkills('config/skills.yaml')),
      referenceYear: 2026,
    });
    const at = (organization: string) => ({
      organization,
      title: 'Professor',
      current: true,
      evidence: { sourceId: 'x', path: 'p' },
    });
    const [p] = factory.profiles([
      madeUpRecord([
        madeUpMention({
          name: { full: 'Wang Xiaoguang' },
          affiliations: [at('吉林大学'), at('Jilin University')],
        }),
      ]),
    ]);
    expect(p?.affiliations.map((a) => a.organizationKey)).toEqual(['jilin university']);
  });

  it('a zip and the stored registry in the data directory (0600)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-orgs-'));
    try {
      const zip = join(dir, 'ror.zip');
      writeFileSync(
        zip,
        makeZip([
          { name: 'v1-ror-data.json', data: JSON.stringify(ROR_V1) },
          { name: 'README.txt', data: 'x' },
        ]),
      );
      const registry = new OrganizationRegistry();
      registry.add(await readRegistrySource(zip, defaultArchiveLimits));
      const file = writeStoredRegistry(dir, registry);
      expect(file).toBe(join(dir, REGISTRY_FILE));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readStoredRegistry(dir).size).toEqual({ organizations: 2, companies: 0 });
      writeFileSync(join(dir, 'bad.json'), '{"hello": 1}');
      await expect(readRegistrySource(join(dir, 'bad.json'), defaultArchiveLimits)).rejects.toThrow(
        /neither a ROR registry dump nor an EDGAR submissions JSON/,
      );
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('organizations');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithCorpus('organisation registry: real ROR excerpt and EDGAR submissions JSON', () => {
  it('ROR v1.17.1: 29 organisations, acronyms and parent/child relations', async () => {
    const data = await readRegistrySource(
      corpusPath('organizations-ror/v1.17.1-2022-12-16-ror-data.json'),
      defaultArchiveLimits,
    );
    expect(data.organizations).toHaveLength(29);
    const registry = new OrganizationRegistry();
    registry.add(data);
    const anu = registry.organizationNamed('ANU');
    expect(anu).toMatchObject({ name: 'Australian National University', country: 'AU', city: 'Canberra' });
    expect(anu?.children).toContain('https://ror.org/006a4jj40');
    expect(registry.organizationNamed('Mount Stromlo Observatory')?.acronyms).toEqual(['MSO']);
    installOrganizationRegistry(registry);
    expect(organizationKey('UNSW')).toBe(organizationKey('UNSW Sydney'));
  });

  it('Tesla submissions JSON: CIK, SIC 3711, former name; the scorer takes the SIC for an employer', async () => {
    const data = await readRegistrySource(
      corpusPath('sec-more/edgartools_submissions_CIK0001318605_Tesla.json'),
      defaultArchiveLimits,
    );
    expect(data.companies).toEqual([
      {
        cik: '0001318605',
        name: 'Tesla, Inc.',
        formerNames: ['TESLA MOTORS INC'],
        sic: '3711',
        sicDescription: 'Motor Vehicles & Passenger Car Bodies',
        stateOfIncorporation: 'DE',
        tickers: ['TSLA'],
      },
    ]);
    const registry = new OrganizationRegistry();
    registry.add(data);
    expect(registry.company(undefined, 'Tesla Motors, Inc.')?.sic).toBe('3711');
    expect(registry.company('1318605')?.name).toBe('Tesla, Inc.');
    const factory = new ProfileFactory({
      industries: loadIndustries('config/industries.yaml'),
      scoring: loadScoring('config/scoring.yaml'),
      roleFunctions: loadRoleFunctions('config/role-functions.yaml'),
      vocabulary: new SkillVocabulary(loadSkills('config/skills.yaml')),
      referenceYear: 2026,
    });
    const person = () =>
      factory.profiles([
        madeUpRecord([
          madeUpMention({
            name: { full: 'Ana Example' },
            affiliations: [
              {
                organization: 'Tesla Motors Inc',
                title: 'Engineer',
                current: true,
                evidence: { sourceId: 'x', path: 'p' },
              },
            ],
          }),
        ]),
      ])[0];
    const reasons = (p: ReturnType<typeof person>) =>
      p?.explanation.industries.flatMap((i) => i.contributions.map((c) => c.reason)) ?? [];
    expect(reasons(person()).some((r) => /SIC 3711/.test(r))).toBe(false);
    installOrganizationRegistry(registry);
    expect(reasons(person())).toContain('works at Tesla Motors Inc (SIC 3711)');
  });
});
