import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { accessLog } from './access-log';

/** The access log's line: the request's id, method and path (no query, no agenda secret) and the status; nothing else of the request. */
describe('access log', () => {
  it('writes one line per request with its id, method, path and status only', async () => {
    const lines: Array<{ msg?: string; req: Record<string, unknown>; res: Record<string, unknown> }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const app = express();
    app.use(accessLog(logger));
    app.get('/api/v1/accounts', (_req, res) => { res.json({ items: [] }); });
    app.get('/api/v1/planning/ical/:token', (_req, res) => { res.status(404).end(); });
    app.get('/api/v1/health', (_req, res) => { res.json({ ok: true }); });
    const listed = await request(app).get('/api/v1/accounts?q=Dupont&email=jean@example.fr').set('X-Request-Id', 'abc-123').set('Authorization', 'Bearer secret');
    expect(listed.headers['x-request-id']).toBe('abc-123');
    await request(app).get('/api/v1/planning/ical/s3cr3t-t0k3n.ics');
    await request(app).get('/api/v1/health');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ msg: 'request completed', req: { id: 'abc-123', method: 'GET', path: '/api/v1/accounts' }, res: { statusCode: 200 } });
    expect(Object.keys(lines[0]!.req).sort()).toEqual(['id', 'method', 'path']);
    expect(Object.keys(lines[0]!.res)).toEqual(['statusCode']);
    expect(lines[1]).toMatchObject({ req: { method: 'GET', path: '/api/v1/planning/ical/…' }, res: { statusCode: 404 } });
    expect(lines[1]!.req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(lines)).not.toMatch(/Dupont|example\.fr|secret|s3cr3t/);
  });
});
