import type { RequestHandler } from 'express';
import { coreMessage } from '../../domain/i18n/core.messages';
import type { Json } from '../openapi-parts';
import { sendLocalisedProblem } from './problem';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface KnownPath { pattern: RegExp; literals: number; methods: string[] }

/** The document's path templates as patterns: `{id}` stands for one segment. */
function knownPaths(doc: Json): KnownPath[] {
  return Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>).map(([template, item]) => {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    const methods = Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => m.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    return { pattern, literals: segments.filter((s) => !s.startsWith('{')).length, methods };
  });
}

/** The document's template a path falls under: the most literal one wins (/tasks/counts before /tasks/{id}). */
function templateOf(paths: KnownPath[], path: string): KnownPath | undefined {
  return paths.filter((p) => p.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
}

/**
 * Before any router: a method the OpenAPI document does not declare on a path
 * it declares answers 405 with `Allow` (problem+json, in the reader's
 * language), whatever a router with a `:id` segment would have made of it
 * (PATCH /comms/templates/preview is not a template called "preview").
 */
export function methodNotAllowed(doc: Json): RequestHandler {
  const paths = knownPaths(doc);
  return (req, res, next) => {
    const known = templateOf(paths, req.originalUrl.split('?')[0]!);
    if (!known || known.methods.includes(req.method)) return next();
    const allowed = known.methods.join(', ');
    res.setHeader('Allow', allowed);
    sendLocalisedProblem(req, res, 405, coreMessage('error.method-not-allowed', { method: req.method, allowed }), {}, 'method-not-allowed');
  };
}

/** What answers an /api request no router took: 404, problem+json in the reader's language. */
export const noSuchEndpoint: RequestHandler = (req, res) => {
  sendLocalisedProblem(req, res, 404, coreMessage('error.no-such-endpoint'), {}, 'not-found');
};
