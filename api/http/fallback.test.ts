import type { Request, Response } from 'express';
import { INSTALLED_API_MODULES } from '../installed-modules';
import { openApiDocument } from '../openapi';
import { methodNotAllowed } from './fallback';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

/**
 * The 405 check looks only at the templates that share a path's first segment
 * (api/http/fallback.ts): for every path of the document, and a few odd ones,
 * it answers what matching every template of the document answers.
 */
describe('405 for a method the document does not declare', () => {
  const doc = openApiDocument(INSTALLED_API_MODULES);
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  const handler = methodNotAllowed(doc);

  /** The reference: every template tried, the most literal match wins (the first one on a tie). */
  const templates = Object.entries(paths).map(([template, item]) => {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    const methods = Object.keys(item).filter((m) => METHODS.includes(m.toUpperCase())).map((m) => m.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    return { pattern, literals: segments.filter((s) => !s.startsWith('{')).length, methods };
  });
  function expected(method: string, path: string): string | null {
    const known = templates.filter((p) => p.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
    return !known || known.methods.includes(method) ? null : known.methods.join(', ');
  }

  function answered(method: string, path: string): string | null {
    let allow: string | null = null;
    const res = { setHeader: (name: string, value: string) => { if (name === 'Allow') allow = value; }, status: () => res, type: () => res, json: () => res };
    const req = { method, originalUrl: path, headers: {}, acceptsLanguages: () => 'fr' };
    handler(req as unknown as Request, res as unknown as Response, () => undefined);
    return allow;
  }

  it('answers as matching every template would, for every declared path and method', () => {
    const concrete = Object.keys(paths).flatMap((template) => {
      const path = template.replace(/\{[^}]+\}/g, 'x1');
      return [path, `${path}/`, `${path}?q=1`, `${path}/extra`];
    });
    const odd = ['/api/v1', '/api/v1/', '/api/v1//accounts', '/api/v1/nowhere', '/api/v1/accounts/x/y/z', '/api/v1/comms/templates/preview'];
    let refused = 0;
    const differences: string[] = [];
    for (const path of [...concrete, ...odd]) {
      for (const method of METHODS) {
        const want = expected(method, path.split('?')[0]!);
        const got = answered(method, path);
        if (got !== want) differences.push(`${method} ${path}: ${got} instead of ${want}`);
        if (want) refused += 1;
      }
    }
    expect(differences).toEqual([]);
    expect(refused).toBeGreaterThan(100);
  });
});
