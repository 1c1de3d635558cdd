import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * One error shape for every answer that is not a success: `{ error, message, requestId }`.
 * `error` is a stable code for programs, `message` a sentence for people: on 4xx it says what was
 * wrong and how to fix it; on 5xx it says only that the service failed and which request to look
 * up in the log, never the internals (stack, SQL, hosts).
 */
export type ErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'uri-too-long'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'overloaded'
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'bad-request', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'not-found', message);

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  requestId: string;
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'bad-request',
  409: 'conflict',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  /** The offending value (Ajv's `verbose` option). */
  data?: unknown;
}

function quoted(value: unknown): string {
  if (typeof value === 'string') return ` (got "${value.length > 60 ? `${value.slice(0, 60)}…` : value}")`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` (got ${String(value)})`;
  return '';
}

/** Ajv's issues as one sentence naming each parameter: "minScore must be <= 100". */
function describeValidation(context: string | undefined, issues: readonly ValidationIssue[]): string {
  const where =
    context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field';
  const parts = issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'additionalProperties')
      return `unknown ${where} "${[path, String(issue.params.additionalProperty)].filter(Boolean).join('.')}"`;
    if (issue.keyword === 'required')
      return `missing ${where} "${[path, String(issue.params.missingProperty)].filter(Boolean).join('.')}"`;
    const name = path.replace(/\.\d+$/, '');
    const allowed =
      issue.keyword === 'enum' && Array.isArray(issue.params.allowedValues)
        ? `: ${(issue.params.allowedValues as unknown[]).join(', ')}`
        : '';
    return `${where} "${name || '(body)'}" ${issue.message ?? 'is invalid'}${allowed}${quoted(issue.data)}`;
  });
  return [...new Set(parts)].join('; ');
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
) {
  const body: ErrorBody = { error: code, message, requestId: String(request.id) };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Errors the router raises before any route or hook runs (Fastify's `frameworkErrors`): a path
 * parameter past the router's length limit (414) or a malformed percent-encoding (400). Its own
 * answers quote the whole URL back; these name the problem only.
 */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void send(
      reply,
      request,
      414,
      'uri-too-long',
      'a path parameter is too long; ids are at most 100 characters',
    );
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    void send(reply, request, 400, 'bad-request', 'the URL path is not validly percent-encoded');
    return;
  }
  request.log.error({ err: error }, 'request.failed');
  void send(
    reply,
    request,
    500,
    'internal',
    `the service failed to answer; the server log has the details under request id ${String(request.id)}`,
  );
}

/** The one error handler and the 404 handler of the service. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return send(reply, request, error.statusCode, error.code, error.message);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation)
      return send(
        reply,
        request,
        400,
        'bad-request',
        describeValidation(fastifyError.validationContext, fastifyError.validation as ValidationIssue[]),
      );
    const status = fastifyError.statusCode;
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large) describe the request.
    if (status !== undefined && status >= 400 && status < 500)
      return send(reply, request, status, CODE_OF_STATUS[status] ?? 'bad-request', fastifyError.message);
    request.log.error({ err: error }, 'request.failed');
    return send(
      reply,
      request,
      500,
      'internal',
      `the service failed to answer; the server log has the details under request id ${String(request.id)}`,
    );
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      request,
      404,
      'not-found',
      `no route ${request.method} ${request.url.split('?')[0]}; GET /api lists the routes`,
    ),
  );
}
