import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process. Every long-running command (worker, crawler, API) registers
 * its own counters here under the `talent_brain_` prefix; the API serves them at `GET /metrics`,
 * the headless ones through {@link startMetricsServer}.
 *
 * A registry per process, not prom-client's global one: tests build several workers in one
 * process and each must count for itself.
 */
export function createMetricsRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry, prefix: 'talent_brain_' });
  return registry;
}

export interface MetricsServer {
  /** `http://host:port/metrics` */
  url: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` (text exposition format) for a process without an HTTP API of its own. */
export async function startMetricsServer(
  registry: Registry,
  options: { port: number; host?: string },
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, host, () => listening());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
