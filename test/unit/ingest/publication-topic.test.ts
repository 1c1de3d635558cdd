import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { topicsOf } from '../../../ingest/kafka/topics.js';
import { formatNames, sourceKindOfFormat } from '../../../lib/envelope.js';
import { parserFor } from '../../../processors/registry.js';

describe('the publication source kind', () => {
  it('has its own raw topic, and every publication format a registered parser of that kind', () => {
    const topics = topicsOf(loadConfig({ env: { TALENT_KAFKA_TOPIC_PREFIX: 'tb-x' } }));
    expect(topics.raw.publication).toBe('tb-x.raw.publications');
    const formats = formatNames.filter((f) => sourceKindOfFormat[f] === 'publication');
    expect(formats).toEqual([
      'openalex-json',
      'crossref-json',
      'crossref-xml',
      'orcid-xml',
      'orcid-json',
      'semantic-scholar-json',
    ]);
    for (const f of formats) expect(parserFor(f).sourceKind).toBe('publication');
  });
});
