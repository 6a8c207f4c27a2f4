import type { RequestHandler } from 'express';
import { ValidationError } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';

/**
 * How deep objects and arrays may nest in a JSON body. Relais's own bodies
 * nest a few levels (process variables, form data, filters); 64 leaves room
 * for any real document while keeping every recursive step after parsing
 * (hashing an idempotent request, zod, Temporal's payload converter,
 * PostgreSQL's jsonb) far from a stack overflow.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects or arrays deeper than `max`
 * (a bare value is depth 0, `{}` depth 1). Iterative, so that measuring a
 * hostile value cannot overflow the stack; stops at the first branch too deep.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Refuses (400, nothing done) a parsed JSON body that nests deeper than MAX_JSON_DEPTH. Mounted right after the JSON parser. */
export function limitJsonDepth(max = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (!nestsDeeperThan(req.body, max)) return next();
    next(new ValidationError([{ field: 'body', message: coreMessage('field.too-deep', { max }) }], coreMessage('error.too-deep', { max })));
  };
}
