import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server standing for a telecom vendor's API (SNAIC, Alphalink, CFAST, a fake operator):
 * the test gives the handler that answers like the vendor; the server records every request as received
 * (method, path, query, headers, JSON body), and can answer the next ones with given statuses first
 * (throttling, outages) to exercise the adapters' retries.
 */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  json: Record<string, unknown> | null;
}

export type VendorReply = { status: number; body?: unknown; headers?: Record<string, string> };

export interface LoopbackVendor {
  url: string;
  requests: ReceivedRequest[];
  failNext(...answers: Array<{ status: number; retryAfter?: string }>): void;
  calls(method: string, path: string): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startLoopbackVendor(handle: (req: ReceivedRequest) => VendorReply): Promise<LoopbackVendor> {
  const requests: ReceivedRequest[] = [];
  const failures: Array<{ status: number; retryAfter?: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | null = null;
      try {
        json = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        json = null;
      }
      const received: ReceivedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, json };
      requests.push(received);
      const failure = failures.shift();
      const reply: VendorReply = failure
        ? { status: failure.status, body: { code: 'unavailable', message: 'try later' }, headers: failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {} }
        : handle(received);
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...answers) => { failures.push(...answers); },
    calls: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
