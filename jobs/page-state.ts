import type { Redis } from 'ioredis';
import type { CrawlKeys } from './keys.js';

/**
 * What the crawl remembers of a page between runs, per source: the validators for a conditional
 * GET, the hash of the body last turned into a record, when it was fetched, and its links. The
 * links matter: an unchanged page (304, same hash, or fetched within the recrawl interval) has no
 * new body to read them from, yet the pages below it must still be visited.
 */
export interface PageState {
  etag?: string;
  lastModified?: string;
  /** `sha256:<hex>` of the body, as in the record envelope's checksum. */
  checksum: string;
  /** Epoch milliseconds of the last fetch that reached the server. */
  fetchedAt: number;
  links: string[];
  /** A record was made of this content (false: a sitemap, a listing, a noindex page). */
  recorded: boolean;
}

/** Long enough for any sane recrawl interval; a page not seen for that long is forgotten. */
const PAGE_STATE_TTL_S = 180 * 86_400;

export class PageStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: CrawlKeys,
  ) {}

  async get(sourceId: string, urlKey: string): Promise<PageState | undefined> {
    const hash = await this.redis.hgetall(this.keys.page(sourceId, urlKey));
    if (hash.checksum === undefined || hash.fetchedAt === undefined) return undefined;
    let links: string[] = [];
    try {
      links = JSON.parse(hash.links ?? '[]') as string[];
    } catch {
      // A damaged list only costs the links of one unchanged page.
    }
    return {
      ...(hash.etag ? { etag: hash.etag } : {}),
      ...(hash.lastModified ? { lastModified: hash.lastModified } : {}),
      checksum: hash.checksum,
      fetchedAt: Number(hash.fetchedAt),
      links,
      recorded: hash.recorded === '1',
    };
  }

  async put(sourceId: string, urlKey: string, state: PageState): Promise<void> {
    const key = this.keys.page(sourceId, urlKey);
    await this.redis
      .multi()
      .del(key)
      .hset(key, {
        checksum: state.checksum,
        fetchedAt: String(state.fetchedAt),
        links: JSON.stringify(state.links),
        recorded: state.recorded ? '1' : '0',
        ...(state.etag ? { etag: state.etag } : {}),
        ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      })
      .expire(key, PAGE_STATE_TTL_S)
      .exec();
  }

  /** The page was confirmed unchanged (304): only the fetch time moves. */
  async touch(sourceId: string, urlKey: string, fetchedAt: number): Promise<void> {
    const key = this.keys.page(sourceId, urlKey);
    await this.redis.multi().hset(key, 'fetchedAt', String(fetchedAt)).expire(key, PAGE_STATE_TTL_S).exec();
  }

  /** The page is gone (404, 410): a later reappearance is a new page. */
  async forget(sourceId: string, urlKey: string): Promise<void> {
    await this.redis.del(this.keys.page(sourceId, urlKey));
  }
}
