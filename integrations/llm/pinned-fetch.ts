import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import type { EgressTarget } from './egress-guard';

/**
 * A `fetch` for the Ollama client that only ever connects to the address the egress guard checked
 * (docs/adr/0037-local-assistant.md): the socket's DNS lookup answers that address whatever the name
 * resolves to now (no rebinding), the Host header and TLS name stay the configured host's, and a URL
 * on any other origin is refused without a connection. Each request is bounded by `timeoutMs`.
 */
export function pinnedFetch(target: EgressTarget, timeoutMs: number): typeof fetch {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.pinned.address, family: target.pinned.family }]);
    else callback(null, target.pinned.address, target.pinned.family);
  };
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== target.url.origin) throw new Error(`The assistant only talks to ${target.url.origin}.`);
    const headers = new Headers(init.headers);
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const signals = [AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])];
    const signal = AbortSignal.any(signals);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(url, {
        method: init.method ?? 'GET', headers: Object.fromEntries(headers.entries()), lookup, signal,
        // TLS checks the configured name (SNI takes no address).
        ...(url.protocol === 'https:' && !net.isIP(target.hostname) ? { servername: target.hostname } : {}),
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 502, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }) as typeof fetch;
}
