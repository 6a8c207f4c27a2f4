import { retryAfterMs, withHttpRetries } from './http-retry';

/** Answers given in turn to the loop, and the waits it asked for. */
function vendor(...answers: Array<Response | Error>) {
  const waits: number[] = [];
  let sent = 0;
  const send = async () => {
    const next = answers[Math.min(sent++, answers.length - 1)]!;
    if (next instanceof Error) throw next;
    return next.clone();
  };
  return { send, waits, sleep: async (ms: number) => { waits.push(ms); }, sent: () => sent };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers });
const read = (status: number, body: Record<string, unknown>, ok: boolean) => (ok ? { value: body } : { failure: `${status} ${String(body.message ?? '')}`, retry: status === 429 || status >= 500 });
const unreachable = (cause: string) => `unreachable ${cause}`;

describe('the vendors\' shared HTTP retry loop', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('waits what a 429 says, backs off after a 503 or a network failure, then answers the value', async () => {
    const v = vendor(json(429, {}, { 'Retry-After': '2' }), json(503, {}), Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), json(200, { id: 7 }));
    const answer = await withHttpRetries({ sleep: v.sleep }, v.send, read, unreachable);
    expect({ answer, waits: v.waits }).toEqual({ answer: { value: { id: 7 } }, waits: [2000, 1000, 2000] });
  });

  it('answers a refusal at once, never sending it again', async () => {
    const v = vendor(json(422, { message: 'numéro déjà en service' }));
    expect(await withHttpRetries({ sleep: v.sleep }, v.send, read, unreachable)).toEqual({ failure: '422 numéro déjà en service' });
    expect(v.sent()).toBe(1);
  });

  it('gives up after maxAttempts, or at once when Retry-After asks longer than maxWaitMs, answering the last failure', async () => {
    const down = vendor(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(await withHttpRetries({ sleep: down.sleep, maxAttempts: 3 }, down.send, read, unreachable)).toEqual({ failure: 'unreachable ECONNREFUSED' });
    expect({ sent: down.sent(), waits: down.waits }).toEqual({ sent: 3, waits: [500, 1000] });
    const busy = vendor(json(429, { message: 'quota' }, { 'Retry-After': '120' }));
    expect(await withHttpRetries({ sleep: busy.sleep, maxWaitMs: 30_000 }, busy.send, read, unreachable)).toEqual({ failure: '429 quota' });
    expect(busy.sent()).toBe(1);
  });

  it('keeps the start of a body that is not JSON as its message', async () => {
    const v = vendor(new Response('<html>Bad Gateway</html>', { status: 400 }));
    expect(await withHttpRetries({ sleep: v.sleep }, v.send, read, unreachable)).toEqual({ failure: '400 <html>Bad Gateway</html>' });
  });
});
