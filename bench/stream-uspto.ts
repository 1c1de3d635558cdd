/**
 * Child process of the benchmark: streams one concatenated USPTO file through the whole
 * processing path (split → parse → normalize → score, no merging) and reports its own peak RSS.
 * Run alone so the figure is this path's memory, not the benchmark harness's.
 */
import { loadConfig } from '../config/load.js';
import { readInputs } from '../ingest/files/read-inputs.js';
import { processRecord } from '../processors/pipeline.js';
import { ProfileFactory } from '../processors/profile-factory.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: stream-uspto <file>\n');
  process.exit(1);
}
const config = loadConfig({ env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' } });
const factory = ProfileFactory.fromConfig(config);
const limits = { maxDocumentBytes: config.processors.maxDocumentBytes };
const started = process.hrtime.bigint();
let documents = 0;
let profiles = 0;
let rejected = 0;
let bytes = 0;
let sampledRss = 0;
for await (const item of readInputs([file], { maxDocumentBytes: limits.maxDocumentBytes })) {
  documents++;
  bytes += item.bytesRead;
  if (item.kind === 'rejected') {
    rejected++;
    continue;
  }
  const outcome = processRecord(item.envelope, limits);
  if (outcome.status !== 'parsed') {
    if (outcome.status === 'rejected') rejected++;
    continue;
  }
  profiles += factory.profiles([
    {
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    },
  ]).length;
  if (documents % 1000 === 0) sampledRss = Math.max(sampledRss, process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({ documents, profiles, rejected, bytes, seconds, mbPerSecond: bytes / 1e6 / seconds, peakRssMB: process.resourceUsage().maxRSS / 1024, sampledRssMB: sampledRss / 1024 / 1024 })}\n`,
);
