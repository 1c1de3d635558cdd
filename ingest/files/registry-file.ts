import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ensurePrivateDir, preparePrivateFile } from '../../lib/private-files.js';
import {
  OrganizationRegistry,
  registryRecordsOf,
  type RegistryData,
} from '../../processors/normalize/org-registry.js';
import type { ArchiveLimits } from './archives/archive-limits.js';
import { looksLikeZip, readZip } from './archives/zip-reader.js';

/**
 * Reading the organisation registry's sources (a ROR dump as `.json`, `.json.gz` or the `.zip`
 * ROR publishes; EDGAR submissions JSON files) and keeping the merged registry in the data
 * directory, where every command finds it.
 */

export const REGISTRY_FILE = 'organizations.json';

export class RegistryFileError extends Error {}

function recordsOfText(text: string, where: string): RegistryData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryFileError(`${where}: not JSON (${(error as Error).message})`);
  }
  const data = registryRecordsOf(json);
  if (data === undefined)
    throw new RegistryFileError(`${where}: neither a ROR registry dump nor an EDGAR submissions JSON`);
  return data;
}

async function collect(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The registry records of one file; members of a zip that are not JSON are passed over. */
export async function readRegistrySource(path: string, limits: ArchiveLimits): Promise<RegistryData> {
  const head = readFileSync(path).subarray(0, 4);
  if (looksLikeZip(head)) {
    const merged: RegistryData = { organizations: [], companies: [] };
    let members = 0;
    for await (const entry of readZip(path, limits)) {
      if (entry.kind !== 'member') continue;
      if (!/\.json$/i.test(entry.member.name)) {
        for await (const chunk of entry.member.body) void chunk;
        continue;
      }
      members++;
      const data = recordsOfText(
        (await collect(entry.member.body)).toString('utf8'),
        `${path}!${entry.member.name}`,
      );
      merged.organizations.push(...data.organizations);
      merged.companies.push(...data.companies);
    }
    if (members === 0) throw new RegistryFileError(`${path}: the zip holds no .json member`);
    return merged;
  }
  const raw = readFileSync(path);
  const bytes =
    raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw, { maxOutputLength: limits.maxExpandedBytes }) : raw;
  return recordsOfText(bytes.toString('utf8').replace(/^\uFEFF/, ''), path);
}

/** The registry kept in a data directory, or an empty one. */
export function readStoredRegistry(dataDir: string): OrganizationRegistry {
  const registry = new OrganizationRegistry();
  const file = join(dataDir, REGISTRY_FILE);
  if (existsSync(file)) registry.add(recordsOfStored(readFileSync(file, 'utf8'), file));
  return registry;
}

function recordsOfStored(text: string, file: string): RegistryData {
  const json = JSON.parse(text) as Partial<RegistryData>;
  if (!Array.isArray(json.organizations) || !Array.isArray(json.companies))
    throw new RegistryFileError(`${file}: not an organisation registry written by "talent-brain orgs load"`);
  return { organizations: json.organizations, companies: json.companies };
}

export function writeStoredRegistry(dataDir: string, registry: OrganizationRegistry): string {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, REGISTRY_FILE);
  preparePrivateFile(file);
  writeFileSync(file, `${JSON.stringify(registry.toData())}\n`);
  return file;
}
