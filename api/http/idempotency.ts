import crypto from 'node:crypto';
import type { Request } from 'express';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { RequestContext } from '../../domain/core/record-service';
import type { Reply } from './authenticated';
import { coreMessage } from '../../domain/i18n/core.messages';

/**
 * Runs a creating request at most once per `Idempotency-Key` (per user):
 * a repeat answers the first response. Two racing requests with one key
 * collide on the key's primary key and the loser's transaction rolls back,
 * so only one record is ever written.
 */
export async function idempotent(req: Request, ctx: RequestContext, run: () => Promise<Reply>): Promise<Reply> {
  const key = req.get('idempotency-key');
  if (!key) return run();
  if (key.length > 200) throw new ValidationError([{ field: 'Idempotency-Key', message: coreMessage('field.too-long', { max: 200 }) }]);
  const requestHash = crypto.createHash('sha256').update(`${req.method} ${req.originalUrl} ${JSON.stringify(req.body ?? null)}`).digest('hex');
  const previous = await ctx.trx('idempotencyKeys').where({ userId: ctx.principal.userId, key }).first();
  if (previous) {
    if (previous.requestHash !== requestHash) {
      throw new ConflictError(coreMessage('error.idempotency-key-reused'));
    }
    return { status: previous.statusCode, body: previous.response, headers: { 'Idempotent-Replayed': 'true' } };
  }
  const reply = await run();
  await ctx.trx('idempotencyKeys').insert({
    tenantId: ctx.principal.tenantId, userId: ctx.principal.userId, key, requestHash,
    statusCode: reply.status ?? 200, response: JSON.stringify(reply.body ?? null),
  });
  return reply;
}
