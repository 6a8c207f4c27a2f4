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
function templateOf(paths: readonly KnownPath[], path: string): KnownPath | undefined {
  let best: KnownPath | undefined;
  for (const p of paths) if ((!best || p.literals > best.literals) && p.pattern.test(path)) best = p;
  return best;
}

/**
 * The templates by their first segment under /api/v1 (`accounts`, `tasks`…), so that a
 * request is matched against its few candidates only; templates whose segment there is a
 * parameter, or which have none, are candidates for every path (kept in the document's order).
 */
function bySegment(paths: KnownPath[], templates: string[]): (path: string) => readonly KnownPath[] {
  const SEGMENT = 3; // '', 'api', 'v1', <segment>
  const anywhere: Array<{ at: number; path: KnownPath }> = [];
  const keyed = new Map<string, Array<{ at: number; path: KnownPath }>>();
  templates.forEach((template, at) => {
    const segment = template.split('/')[SEGMENT];
    const entry = { at, path: paths[at]! };
    if (segment === undefined || segment === '' || /^\{[^}]+\}$/.test(segment)) anywhere.push(entry);
    else keyed.set(segment, [...(keyed.get(segment) ?? []), entry]);
  });
  const merged = new Map<string, KnownPath[]>();
  for (const [segment, entries] of keyed) merged.set(segment, [...entries, ...anywhere].sort((a, b) => a.at - b.at).map((e) => e.path));
  const rest = anywhere.map((e) => e.path);
  return (path) => merged.get(path.split('/', SEGMENT + 1)[SEGMENT] ?? '') ?? rest;
}

/**
 * Before any router: a method the OpenAPI document does not declare on a path
 * it declares answers 405 with `Allow` (problem+json, in the reader's
 * language), whatever a router with a `:id` segment would have made of it
 * (PATCH /comms/templates/preview is not a template called "preview").
 */
export function methodNotAllowed(doc: Json): RequestHandler {
  const paths = knownPaths(doc);
  const candidates = bySegment(paths, Object.keys((doc.paths ?? {}) as Record<string, unknown>));
  return (req, res, next) => {
    const path = req.originalUrl.split('?')[0]!;
    const known = templateOf(candidates(path), path);
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
