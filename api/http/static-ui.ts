import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot } from '../../lib/project-root.js';
import { errorResponses } from './schemas.js';
import { notFound } from './errors.js';

/** The web UI's files (api/ui/), from the sources and from the build alike (dist/ has no copy). */
const UI_DIR = join(projectRoot(import.meta.url), 'api', 'ui');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface UiFile {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * Serves the UI from memory: a handful of small files read once at start, so a request never
 * touches the disk and no path from a URL ever reaches the file system. Everything is local (no
 * CDN): the content security policy allows this origin only.
 */
export function registerStaticUi(app: FastifyInstance, dir: string = UI_DIR): void {
  const files = new Map<string, UiFile>();
  // The shell and shared modules sit in api/ui/, one module per page in api/ui/pages/: both are
  // served under /ui/ by their relative path (`pages/search.js`). Type declarations are not served.
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (!entry.isFile() || type === undefined) continue;
    const path = join(entry.parentPath, entry.name);
    const body = readFileSync(path);
    files.set(relative(dir, path).split(sep).join('/'), {
      body,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  const serve = (name: string, ifNoneMatch: string | undefined, reply: FastifyReply) => {
    const file = files.get(name);
    if (file === undefined) throw notFound(`no file "${name}" in the UI`);
    reply
      .header('etag', file.etag)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      )
      .header('referrer-policy', 'no-referrer');
    if (ifNoneMatch === file.etag) return reply.status(304).send();
    return reply.type(file.type).send(file.body);
  };
  const response = { 200: { type: 'string' }, 304: { type: 'null' }, ...errorResponses };
  app.get(
    '/',
    { config: { access: 'public' }, schema: { summary: 'The web UI', response } },
    async (request, reply) => serve('index.html', request.headers['if-none-match'], reply),
  );
  app.get<{ Params: { '*': string } }>(
    '/ui/*',
    {
      config: { access: 'public' },
      schema: {
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['*'],
          // A file of the UI or of one folder below it; never a dot segment.
          properties: { '*': { type: 'string', pattern: '^([a-z0-9-]+/)?[a-z0-9-]+\\.(html|js|css|svg)$' } },
        },
        response,
      },
    },
    async (request, reply) => serve(request.params['*'], request.headers['if-none-match'], reply),
  );
}
