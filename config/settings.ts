import { z } from 'zod';

/**
 * Every setting of Talent Brain, in one place: its type, default, unit, environment variable and
 * what it does. `config/load.ts` reads a YAML file and the environment against this list, and
 * `talent-brain config --doc` prints it as the config reference of docs/configuration.md.
 */
export interface SettingSpec<T> {
  /** Dotted path in the YAML file, e.g. `processors.maxDocumentBytes`. */
  path: string;
  env: string;
  schema: z.ZodType<T>;
  default: T;
  /** Unit of a numeric value (`bytes`, `ms`) or a word describing the value. */
  unit: string;
  description: string;
  /** An example of a valid value, used in "how to fix" messages. */
  example: string;
}

const positiveInt = z.number().int().positive();
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Keeps each setting's dotted path as a literal type, so {@link SettingsTree} can be derived from the list. */
function setting<const P extends string, S extends z.ZodType>(
  spec: Omit<SettingSpec<z.output<S>>, 'path' | 'schema'> & { path: P; schema: S },
): Omit<SettingSpec<z.output<S>>, 'path' | 'schema'> & { path: P; schema: S } {
  return spec;
}

export const settings = [
  setting({
    path: 'log.level',
    env: 'TALENT_LOG_LEVEL',
    schema: logLevel,
    default: 'info',
    unit: 'level',
    description: 'Minimum level of structured (pino) log lines, written to stderr.',
    example: 'debug',
  }),
  setting({
    path: 'data.dir',
    env: 'TALENT_DATA_DIR',
    schema: z.string().min(1),
    default: './data',
    unit: 'path',
    description: 'Directory of the embedded index, checkpoints and the rejects file.',
    example: './data',
  }),
  setting({
    path: 'processors.maxDocumentBytes',
    env: 'TALENT_MAX_DOCUMENT_BYTES',
    schema: positiveInt,
    default: 64 * 1024 * 1024,
    unit: 'bytes',
    description: 'A record larger than this is rejected (`too-large`) before parsing.',
    example: '67108864',
  }),
  setting({
    path: 'archives.maxExpandedBytes',
    env: 'TALENT_ARCHIVE_MAX_EXPANDED_BYTES',
    schema: positiveInt,
    default: 1024 ** 4,
    unit: 'bytes',
    description:
      'A `.zip`, `.gz` or `.tar.gz` input is read only up to this many decompressed bytes (all members together); past it the rest is refused (`archive-limit`) and the records read so far are kept. Members are streamed, never unpacked to disk.',
    example: '1099511627776',
  }),
  setting({
    path: 'archives.maxRatio',
    env: 'TALENT_ARCHIVE_MAX_RATIO',
    schema: positiveInt,
    default: 200,
    unit: 'ratio',
    description:
      'Decompressed ÷ compressed size above which an archive or zip member is refused as a decompression bomb (`archive-limit`), checked once past its first MiB. Text and XML dumps stay under 20.',
    example: '200',
  }),
  setting({
    path: 'archives.maxMembers',
    env: 'TALENT_ARCHIVE_MAX_MEMBERS',
    schema: positiveInt,
    default: 50_000_000,
    unit: 'count',
    description:
      'Members (files, not directories) read from one zip or tar; more is refused (`archive-limit`). The ORCID public data file holds about 20 million.',
    example: '50000000',
  }),
  setting({
    path: 'scoring.industriesFile',
    env: 'TALENT_INDUSTRIES_FILE',
    schema: z.string().min(1),
    default: 'config/industries.yaml',
    unit: 'path',
    description: 'Priority industries: bilingual keywords, CPC/IPC prefixes, SIC codes, anchor employers.',
    example: 'config/industries.yaml',
  }),
  setting({
    path: 'scoring.weightsFile',
    env: 'TALENT_SCORING_FILE',
    schema: z.string().min(1),
    default: 'config/scoring.yaml',
    unit: 'path',
    description: 'Score weights (relevance, tier, impact, recency, scarcity) and tier rules.',
    example: 'config/scoring.yaml',
  }),
  setting({
    path: 'scoring.roleFunctionsFile',
    env: 'TALENT_ROLE_FUNCTIONS_FILE',
    schema: z.string().min(1),
    default: 'config/role-functions.yaml',
    unit: 'path',
    description:
      'Role functions (technical, executive, finance, board-only…) read from titles in Chinese and English; weighed in the scoring file.',
    example: 'config/role-functions.yaml',
  }),
  setting({
    path: 'scoring.skillsFile',
    env: 'TALENT_SKILLS_FILE',
    schema: z.string().min(1),
    default: 'config/skills.yaml',
    unit: 'path',
    description: 'Bilingual skills vocabulary with synonyms.',
    example: 'config/skills.yaml',
  }),
  setting({
    path: 'scoring.escoSkillsFiles',
    env: 'TALENT_ESCO_SKILLS',
    schema: z.string(),
    default: '',
    unit: 'path list',
    description:
      'ESCO skills CSV exports (comma-separated), English labels matched exactly after the bilingual core vocabulary. Empty: none.',
    example: 'esco/skills_en.csv',
  }),
  setting({
    path: 'organizations.registryFile',
    env: 'TALENT_ORG_REGISTRY',
    schema: z.string(),
    default: '',
    unit: 'path',
    description:
      'An organisation registry source read at start, besides the one `talent-brain orgs load` keeps in the data directory: a ROR dump (`.json`, `.json.gz`, `.zip`) or an EDGAR submissions JSON. Empty: none.',
    example: 'ror-data.zip',
  }),
  setting({
    path: 'region.home',
    env: 'TALENT_REGION_HOME',
    schema: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'expected an ISO 3166-2 code such as "CN-JL"'),
    default: 'CN-JL',
    unit: 'ISO 3166-2',
    description:
      'The home region of regional-tie targeting: ties are counted to it unless a search names another (`tieRegion`). Must be one of `region.file`.',
    example: 'CN-JL',
  }),
  setting({
    path: 'region.file',
    env: 'TALENT_REGIONS_FILE',
    schema: z.string().min(1),
    default: 'config/regions.yaml',
    unit: 'path',
    description:
      'Regions with their local universities, research institutes, employers and cities: studying or working at one, a patent assigned to one or a filing with one is a tie to the region.',
    example: 'config/regions.yaml',
  }),
  setting({
    path: 'pools.stages',
    env: 'TALENT_POOL_STAGES',
    schema: z
      .string()
      .regex(
        /^[^,\s][^,]{0,39}(,[^,\s][^,]{0,39}){0,11}$/,
        'expected 1 to 12 comma-separated stage names of up to 40 characters',
      ),
    default: 'sourced,contacted,interested,visiting,signed',
    unit: 'name list',
    description:
      'Stages a talent pool member moves through, in order, for pools created without their own list (a new member starts at the first).',
    example: 'sourced,contacted,interested,visiting,signed',
  }),
  setting({
    path: 'analysis.demandFile',
    env: 'TALENT_DEMAND_FILE',
    schema: z.string().min(1),
    default: 'config/demand.yaml',
    unit: 'path',
    description:
      'Demand targets per priority industry, tier and region, against which `gaps` measures supply.',
    example: 'config/demand.yaml',
  }),
  setting({
    path: 'analysis.resolutionQualityFile',
    env: 'TALENT_RESOLUTION_QUALITY_FILE',
    schema: z.string().min(1),
    default: 'config/resolution-quality.yaml',
    unit: 'path',
    description:
      "The person resolver's measured error rates, which turn every supply figure into an interval (`supplyLow`, `supplyHigh`).",
    example: 'config/resolution-quality.yaml',
  }),
  setting({
    path: 'analysis.technologiesFile',
    env: 'TALENT_TECHNOLOGIES_FILE',
    schema: z.string().min(1),
    default: 'config/technologies.yaml',
    unit: 'path',
    description:
      'Technologies with expert lists (bilingual keywords, CPC/IPC prefixes, topics, industry), behind `/api/technologies`.',
    example: 'config/technologies.yaml',
  }),
  setting({
    path: 'scoring.referenceDate',
    env: 'TALENT_REFERENCE_DATE',
    schema: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .nullable(),
    default: null,
    unit: 'date',
    description:
      'Date that recency is measured from. Unset: today. Set it to make scores reproducible across days.',
    example: '2026-01-01',
  }),
  setting({
    path: 'resolution.threshold',
    env: 'TALENT_RESOLUTION_THRESHOLD',
    schema: z.number().positive(),
    default: 3,
    unit: 'score',
    description:
      'Pair score at which two mentions of a name block are merged into one person (strong identifiers merge regardless). Higher: fewer false merges, more duplicates. After a change run `talent-brain resolve --rebuild`.',
    example: '3',
  }),
  setting({
    path: 'resolution.linkage',
    env: 'TALENT_RESOLUTION_LINKAGE',
    schema: z.enum(['single', 'average']),
    default: 'single',
    unit: 'single|average',
    description:
      '`single`: two groups of mentions merge through their best pair; `average`: only when the mean score over all their pairs reaches the threshold too (fewer chained merges, fewer merges overall).',
    example: 'single',
  }),
  // Service connections. The defaults are where `scripts/services/services.sh up` and
  // docker-compose.yml publish each service; the ports avoid the standard 9092/9200 so another
  // install on the machine does not answer for ours.
  setting({
    path: 'kafka.brokers',
    env: 'TALENT_KAFKA_BROKERS',
    schema: z
      .string()
      .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'expected host:port, or several separated by commas'),
    default: '127.0.0.1:19092',
    unit: 'host:port list',
    description: 'Kafka bootstrap brokers, comma-separated, for the ingest workers.',
    example: '127.0.0.1:19092',
  }),
  setting({
    path: 'elasticsearch.url',
    env: 'TALENT_ELASTICSEARCH_URL',
    schema: z
      .string()
      .regex(
        /^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/,
        'expected an http:// or https:// URL, or several separated by commas',
      ),
    default: 'http://127.0.0.1:19200',
    unit: 'URL list',
    description:
      'Elasticsearch node the Elasticsearch index backend talks to, or several nodes of one cluster separated by commas (a request to a node that is down goes to another).',
    example: 'http://127.0.0.1:19200',
  }),
  setting({
    path: 'redis.url',
    env: 'TALENT_REDIS_URL',
    schema: z.string().regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// URL'),
    default: 'redis://127.0.0.1:6379',
    unit: 'URL',
    description: 'Redis for job queues and the scheduler.',
    example: 'redis://127.0.0.1:6379',
  }),
  setting({
    path: 'metrics.port',
    env: 'TALENT_METRICS_PORT',
    schema: z.number().int().min(0).max(65535),
    default: 0,
    unit: 'port',
    description:
      'Port where a headless process (worker, crawler) serves Prometheus metrics at /metrics on metrics.host; 0 turns it off. The API serves its own at /metrics.',
    example: '9464',
  }),
  setting({
    path: 'metrics.host',
    env: 'TALENT_METRICS_HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    unit: 'address',
    description:
      'Interface the metrics port listens on (0.0.0.0 in a container, so Prometheus can reach it).',
    example: '0.0.0.0',
  }),
  setting({
    path: 'kafka.topicPrefix',
    env: 'TALENT_KAFKA_TOPIC_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"'),
    default: 'talent',
    unit: 'name',
    description:
      'Prefix of the topics: <prefix>.raw.resumes, .raw.patents, .raw.filings, .raw.profile-pages, .raw.publications, <prefix>.erasure, <prefix>.dlq.',
    example: 'talent',
  }),
  setting({
    path: 'kafka.partitions',
    env: 'TALENT_KAFKA_PARTITIONS',
    schema: positiveInt,
    default: 6,
    unit: 'count',
    description:
      'Partitions of each raw topic when the project creates it (existing topics are left as they are).',
    example: '6',
  }),
  setting({
    path: 'kafka.groupId',
    env: 'TALENT_KAFKA_GROUP',
    schema: z.string().min(1),
    default: 'talent-brain-workers',
    unit: 'name',
    description: 'Consumer group of the ingest workers; workers of one group share the partitions.',
    example: 'talent-brain-workers',
  }),
  setting({
    path: 'kafka.sendErasures',
    env: 'TALENT_KAFKA_SEND_ERASURES',
    schema: z.enum(['auto', 'always', 'never']),
    default: 'auto',
    unit: 'auto, always or never',
    description:
      'Whether an erasure (DELETE /api/talents/:id) also sends a tombstone keyed by the profile id to <prefix>.erasure, so workers and other consumers of the topics erase the person too: `always`, `never`, or `auto` = when index.backend is elasticsearch (the distributed path). A Kafka that cannot be reached is logged; the erasure of the index stands.',
    example: 'always',
  }),
  setting({
    path: 'elasticsearch.prefix',
    env: 'TALENT_ELASTICSEARCH_PREFIX',
    schema: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case index name prefix'),
    default: 'talent',
    unit: 'name',
    description: 'Prefix of the Elasticsearch indices and aliases (<prefix>-profiles, <prefix>-mentions…).',
    example: 'talent',
  }),
  setting({
    path: 'index.backend',
    env: 'TALENT_INDEX_BACKEND',
    schema: z.enum(['embedded', 'elasticsearch']),
    default: 'embedded',
    unit: 'name',
    description:
      'Where profiles are indexed: embedded (SQLite in data.dir) or elasticsearch (elasticsearch.url).',
    example: 'elasticsearch',
  }),
  // Query service (`talent-brain serve`): HTTP API and web UI in one process. Its own state (API
  // keys created with `talent-brain api-key`, saved searches, the audit log) lives in
  // <data.dir>/api.db whichever index backend is in use.
  setting({
    path: 'api.host',
    env: 'TALENT_API_HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    unit: 'address',
    description: 'Interface the query service listens on (0.0.0.0 to serve other machines).',
    example: '0.0.0.0',
  }),
  setting({
    path: 'api.port',
    env: 'TALENT_API_PORT',
    schema: z.number().int().min(0).max(65535),
    default: 8080,
    unit: 'port',
    description: 'Port of the query service (HTTP API and web UI); 0 picks a free one.',
    example: '8080',
  }),
  setting({
    path: 'api.keys',
    env: 'TALENT_API_KEYS',
    schema: z
      .string()
      .regex(
        /^$|^[A-Za-z0-9._-]+:(recruiter|analyst|admin):[0-9a-f]{64}(,[A-Za-z0-9._-]+:(recruiter|analyst|admin):[0-9a-f]{64})*$/,
        'expected name:role:sha256-hex entries (role recruiter, analyst or admin), comma-separated',
      ),
    default: '',
    unit: 'name:role:hash list',
    description:
      'API keys besides those created with `talent-brain api-key create`: SHA-256 (hex) of each key, never the key itself (`talent-brain api-key hash` prints it).',
    example: 'alice:recruiter:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  }),
  setting({
    path: 'api.maxInFlight',
    env: 'TALENT_API_MAX_IN_FLIGHT',
    schema: positiveInt,
    default: 64,
    unit: 'requests',
    description:
      'API requests handled at once (counted once the request is read, so clients that send slowly take no slot); beyond it the service answers 503 at once instead of queueing.',
    example: '64',
  }),
  setting({
    path: 'api.rateLimit',
    env: 'TALENT_API_RATE_LIMIT',
    schema: z.number().positive(),
    default: 20,
    unit: 'requests/s',
    description: 'Sustained requests per second allowed to one API key (token bucket); beyond it 429.',
    example: '20',
  }),
  setting({
    path: 'api.rateBurst',
    env: 'TALENT_API_RATE_BURST',
    schema: positiveInt,
    default: 60,
    unit: 'requests',
    description: 'Requests one API key may make at once before api.rateLimit applies (the bucket size).',
    example: '60',
  }),
  // Failed authentications (no key, or an unknown one) per client address: known keys have their
  // own bucket above, but anyone can send bad keys, so those are counted where they come from.
  setting({
    path: 'api.authFailureRate',
    env: 'TALENT_API_AUTH_FAILURE_RATE',
    schema: z.number().positive(),
    default: 1,
    unit: 'requests/s',
    description:
      'Sustained requests per second with a missing or unknown API key allowed from one client address (token bucket; IPv6 per /64); beyond it 429 with Retry-After instead of 401, and the connection is closed. Valid keys from the same address are not affected.',
    example: '1',
  }),
  setting({
    path: 'api.authFailureBurst',
    env: 'TALENT_API_AUTH_FAILURE_BURST',
    schema: positiveInt,
    default: 20,
    unit: 'requests',
    description:
      'Requests with a missing or unknown key one client address may make at once before api.authFailureRate applies (the bucket size).',
    example: '20',
  }),
  setting({
    path: 'api.authFailureAddresses',
    env: 'TALENT_API_AUTH_FAILURE_ADDRESSES',
    schema: positiveInt,
    default: 10000,
    unit: 'addresses',
    description:
      'Client addresses whose failed authentications are remembered (about 160 bytes each); past it those seen least recently are forgotten, so a client spraying addresses cannot grow the table.',
    example: '10000',
  }),
  setting({
    path: 'api.clientAddressHeader',
    env: 'TALENT_API_CLIENT_ADDRESS_HEADER',
    schema: z.string().regex(/^$|^[A-Za-z0-9-]+$/, 'expected an HTTP header name, or empty'),
    default: '',
    unit: 'header',
    description:
      "Header in which a reverse proxy in front of the service gives the client's address (its last entry, the one the proxy added), for the failed-authentication limit. Empty: the socket's address. Set it only when every request comes through that proxy: otherwise clients choose their own address.",
    example: 'x-forwarded-for',
  }),
  setting({
    path: 'api.readerThreads',
    env: 'TALENT_API_READER_THREADS',
    schema: z.union([z.literal('auto'), z.number().int().min(0)]),
    default: 'auto',
    unit: 'threads',
    description:
      'Embedded backend: threads that answer searches, facets, supply and profile reads, each with its own read-only connection on the index file, so queries use every core while the main thread keeps the HTTP I/O. `auto` = one per core (at least 1); 0 = on the main thread. Elasticsearch ignores it.',
    example: '2',
  }),
  // Timeouts and sizes of one HTTP request: a client that sends slowly or never finishes is cut
  // off instead of holding a socket (Node's and Fastify's defaults wait for ever or for minutes).
  setting({
    path: 'api.headersTimeoutMs',
    env: 'TALENT_API_HEADERS_TIMEOUT_MS',
    schema: positiveInt,
    default: 5000,
    unit: 'ms',
    description:
      'Time a client has to send the request line and headers; past it the connection is closed (408). At most api.requestTimeoutMs.',
    example: '5000',
  }),
  setting({
    path: 'api.requestTimeoutMs',
    env: 'TALENT_API_REQUEST_TIMEOUT_MS',
    schema: positiveInt,
    default: 10000,
    unit: 'ms',
    description:
      'Time a client has to send a whole request, headers and body; past it the service answers 408 and closes the connection.',
    example: '10000',
  }),
  setting({
    path: 'api.connectionTimeoutMs',
    env: 'TALENT_API_CONNECTION_TIMEOUT_MS',
    schema: positiveInt,
    default: 60000,
    unit: 'ms',
    description:
      'A connection with no traffic either way for this long is closed (a stalled client, or an answer that takes longer). At least api.requestTimeoutMs.',
    example: '60000',
  }),
  setting({
    path: 'api.keepAliveTimeoutMs',
    env: 'TALENT_API_KEEP_ALIVE_TIMEOUT_MS',
    schema: positiveInt,
    default: 5000,
    unit: 'ms',
    description: 'How long an idle keep-alive connection waits for its next request before it is closed.',
    example: '5000',
  }),
  setting({
    path: 'api.bodyLimitBytes',
    env: 'TALENT_API_BODY_LIMIT_BYTES',
    schema: positiveInt,
    default: 65536,
    unit: 'bytes',
    description: 'Largest request body (a saved search); a larger one is refused with 413 before it is read.',
    example: '65536',
  }),
  // Crawl jobs (`talent-brain crawl`, `schedule`, `jobs`): BullMQ queues on redis.url. The sources
  // themselves (seeds, scope, schedule, politeness per host) are data, in crawl.sourcesFile.
  setting({
    path: 'crawl.sourcesFile',
    env: 'TALENT_CRAWL_SOURCES',
    schema: z.string().min(1),
    default: 'config/sources.yaml',
    unit: 'path',
    description:
      'Crawl sources: seeds or sitemaps, scope, link rules, extractor hint, schedule, politeness per host.',
    example: 'config/sources.yaml',
  }),
  setting({
    path: 'crawl.sink',
    env: 'TALENT_CRAWL_SINK',
    schema: z.enum(['embedded', 'kafka']),
    default: 'embedded',
    unit: 'name',
    description:
      'Where fetched pages go as records: embedded (ingested into the index of data.dir, one crawling process) or kafka (the raw topics, for the workers).',
    example: 'kafka',
  }),
  setting({
    path: 'crawl.queuePrefix',
    env: 'TALENT_CRAWL_QUEUE_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"'),
    default: 'talent-crawl',
    unit: 'name',
    description:
      'Prefix of every Redis key of the crawl: queues, schedules, robots.txt cache, host slots, page state.',
    example: 'talent-crawl',
  }),
  setting({
    path: 'crawl.concurrency',
    env: 'TALENT_CRAWL_CONCURRENCY',
    schema: positiveInt,
    default: 8,
    unit: 'pages',
    description:
      'Page jobs one crawl process works on at once (each host still gets only its politeness share).',
    example: '8',
  }),
  setting({
    path: 'crawl.userAgent',
    env: 'TALENT_CRAWL_USER_AGENT',
    schema: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_-]*(\/\S+)?( .*)?$/,
        'expected a product token first, e.g. "TalentBrainBot/0.1 (+mailto:you@example.org)"',
      ),
    default: 'TalentBrainBot/0.1',
    unit: 'text',
    description:
      'User-Agent of every request and the name robots.txt rules are matched against (its first word); add a contact, as sites ask. A source may set its own.',
    example: 'TalentBrainBot/0.1 (+mailto:talent-office@example.org)',
  }),
  setting({
    path: 'crawl.timeoutMs',
    env: 'TALENT_CRAWL_TIMEOUT_MS',
    schema: positiveInt,
    default: 30_000,
    unit: 'ms',
    description:
      'Longest a request may take, body included; past it the fetch counts as a timeout and is retried.',
    example: '30000',
  }),
  setting({
    path: 'crawl.maxBytes',
    env: 'TALENT_CRAWL_MAX_BYTES',
    schema: positiveInt,
    default: 10 * 1024 * 1024,
    unit: 'bytes',
    description:
      'Largest response body (after decompression) a fetch reads; a larger page is recorded as too-large.',
    example: '10485760',
  }),
  setting({
    path: 'crawl.maxRedirects',
    env: 'TALENT_CRAWL_MAX_REDIRECTS',
    schema: z.number().int().min(0).max(20),
    default: 5,
    unit: 'count',
    description:
      'Redirects followed per fetch; a longer chain, or one that comes back to a URL, is a permanent failure.',
    example: '5',
  }),
  setting({
    path: 'crawl.attempts',
    env: 'TALENT_CRAWL_ATTEMPTS',
    schema: z.number().int().min(1).max(20),
    default: 4,
    unit: 'count',
    description: 'Attempts per page for transient failures (timeouts, 5xx, 429), the first included.',
    example: '4',
  }),
  setting({
    path: 'crawl.backoffMs',
    env: 'TALENT_CRAWL_BACKOFF_MS',
    schema: positiveInt,
    default: 5000,
    unit: 'ms',
    description:
      'Wait before the first retry of a page; doubles with each attempt. A longer Retry-After wins.',
    example: '5000',
  }),
  setting({
    path: 'crawl.robotsTtlMs',
    env: 'TALENT_CRAWL_ROBOTS_TTL_MS',
    schema: positiveInt,
    default: 86_400_000,
    unit: 'ms',
    description: "How long a host's robots.txt is cached in Redis before it is fetched again.",
    example: '86400000',
  }),
] as const;

/** `'api.port'` + number → `{ api: { port: number } }`. */
type NestedSetting<P extends string, T> = P extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: NestedSetting<Rest, T> }
  : { [K in P]: T };

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/** Flattens intersections into one object type per level, for readable hovers and errors. */
type Merged<T> = T extends object ? { [K in keyof T]: Merged<T[K]> } : T;

type SettingEntry = (typeof settings)[number];

/**
 * The settings as the nested object `loadConfig` returns, derived from the list above: adding a
 * setting there is all it takes for `Config` to have it, with its schema's type.
 */
export type SettingsTree = Merged<
  UnionToIntersection<
    SettingEntry extends infer S
      ? S extends { path: infer P extends string; schema: infer Schema extends z.ZodType }
        ? NestedSetting<P, z.output<Schema>>
        : never
      : never
  >
>;
