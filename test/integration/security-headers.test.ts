import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { testContext, type TestContext } from '../support/api';

/** Every answer carries the security headers: API, the UI's index.html, errors; the API docs get their own policy. */
describe('security headers', () => {
  let t: TestContext;
  let uiDir: string;
  beforeAll(() => {
    uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-ui-'));
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><html lang="fr"><head><script type="module" src="/assets/app.js"></script></head><body><div id="app"></div></body></html>');
    t = testContext({ uiDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(uiDir, { recursive: true, force: true });
  });

  const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  function expectCommonHeaders(res: request.Response): void {
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  }

  it('sends a strict Content-Security-Policy and the other headers on API answers, errors included', async () => {
    for (const res of [await request(t.app).get('/api/v1/openapi.json'), await request(t.app).get('/api/v1/accounts'), await request(t.app).get('/api/nowhere')]) {
      expectCommonHeaders(res);
      const csp = directives(res.headers['content-security-policy']!);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
    }
  });

  it('sends them with the UI\'s index.html, whatever the route; scripts only from the app itself', async () => {
    for (const url of ['/', '/accounts/42']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="app">');
      expectCommonHeaders(res);
      const csp = directives(res.headers['content-security-policy']!);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-src']).toEqual(["'self'", 'blob:']);
    }
  });

  it('gives the API docs (Swagger UI) their own policy, still without inline scripts', async () => {
    const res = await request(t.app).get('/api/docs/');
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const csp = directives(res.headers['content-security-policy']!);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toContain('https:');
  });

  it('never lets a token answer be cached', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'x' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
