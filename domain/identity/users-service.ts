import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, ruleViolation, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import { isUuid, type RequestContext } from '../core/record-service';
import { audit } from './audit-log';
import { hashPassword } from './passwords';
import { assertMayHandOut } from './role-assignment';
import type { UserCreate, UserUpdate } from './user.schema';
import { identityMessage } from './identity.messages';

type Row = Record<string, unknown>;
const COLLABORATOR = { fr: 'collaborateur', en: 'collaborator' };

function may(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete'): void {
  if (!ctx.ability.can(action, 'User')) {
    throw new ForbiddenError(identityMessage('users.forbidden', { action }));
  }
}

function query(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('users as u')
    .leftJoin('userRoles as ur', 'ur.userId', 'u.id').leftJoin('roles as r', 'r.id', 'ur.roleId')
    .groupBy('u.id')
    .select('u.id', 'u.email', 'u.displayName', 'u.type', 'u.active', 'u.version', 'u.createdAt', 'u.updatedAt',
      trx.raw("coalesce(array_agg(r.key order by r.key) filter (where r.key is not null), '{}') as roles"));
}

function present(row: Row): Row {
  return { ...row, createdAt: (row.createdAt as Date).toISOString(), updatedAt: (row.updatedAt as Date).toISOString() };
}

async function load(ctx: RequestContext, id: string, lock = false): Promise<Row> {
  if (!isUuid(id)) throw new NotFoundError(COLLABORATOR);
  if (lock) await ctx.trx('users').where({ id }).forUpdate().first('id');
  const row = await query(ctx.trx).where('u.id', id).first();
  if (!row) throw new NotFoundError(COLLABORATOR);
  return row;
}

/** Role keys must exist in the organisation; answers their ids. */
async function roleIds(trx: Knex.Transaction, keys: string[]): Promise<string[]> {
  const rows: Array<{ id: string; key: string }> = await trx('roles').whereIn('key', keys).select('id', 'key');
  const unknown = keys.filter((k) => !rows.some((r) => r.key === k));
  if (unknown.length) {
    const known: string[] = await trx('roles').orderBy('key').pluck('key');
    throw new ValidationError([{ field: 'roles', message: identityMessage('users.unknown-roles', { unknown, known }) }]);
  }
  return rows.map((r) => r.id);
}

async function emailTaken(trx: Knex.Transaction, email: string, except?: string): Promise<void> {
  const qb = trx('users').whereRaw('lower(email) = lower(?)', [email]);
  if (except) qb.whereNot({ id: except });
  if (await qb.first('id')) throw new ConflictError(identityMessage('users.email-taken', { email }));
}

export async function listUsers(ctx: RequestContext, filters: { role?: string; active?: 'true' | 'false'; q?: string }): Promise<Row[]> {
  may(ctx, 'read');
  const qb = query(ctx.trx).orderBy('u.displayName');
  if (filters.active) qb.where('u.active', filters.active === 'true');
  if (filters.role) qb.havingRaw('bool_or(r.key = ?)', [filters.role]);
  if (filters.q) qb.whereRaw("f_unaccent(lower(u.display_name || ' ' || u.email)) like '%' || f_unaccent(lower(?)) || '%'", [filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)]);
  return (await qb).map(present);
}

export async function getUser(ctx: RequestContext, id: string): Promise<Row> {
  may(ctx, 'read');
  return present(await load(ctx, id));
}

export async function createUser(ctx: RequestContext, input: UserCreate): Promise<Row> {
  may(ctx, 'create');
  await emailTaken(ctx.trx, input.email);
  const ids = await roleIds(ctx.trx, input.roles);
  await assertMayHandOut(ctx.trx, ctx.principal, input.roles, null, 'assign');
  const [row] = await ctx.trx('users').insert({
    tenantId: ctx.principal.tenantId, email: input.email, displayName: input.displayName, type: 'internal', passwordHash: await hashPassword(input.password),
  }).returning('id');
  await ctx.trx('userRoles').insert(ids.map((roleId) => ({ tenantId: ctx.principal.tenantId, userId: row.id, roleId })));
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'user.created', targetType: 'user', targetId: row.id, details: { roles: input.roles } });
  return present(await load(ctx, row.id));
}

export async function updateUser(ctx: RequestContext, id: string, expectedVersion: ExpectedVersion, input: UserUpdate): Promise<Row> {
  may(ctx, 'update');
  const current = await load(ctx, id, true);
  if (!versionMatches(expectedVersion, current.version)) throw new StaleVersionError(present(current));
  // Whoever changes a collaborator (password, email, deactivation…) could act as them: only over someone no more powerful.
  const before = current.roles as string[];
  await assertMayHandOut(ctx.trx, ctx.principal, before, id, 'manage');
  if (input.roles) {
    const changed = [...input.roles.filter((r) => !before.includes(r)), ...before.filter((r) => !input.roles!.includes(r))];
    await roleIds(ctx.trx, input.roles);
    await assertMayHandOut(ctx.trx, ctx.principal, changed, id, 'assign');
  }
  if (id === ctx.principal.userId && (input.active === false || (input.roles && !input.roles.some((r) => (current.roles as string[]).includes(r))))) {
    throw ruleViolation(input.active === false ? 'active' : 'roles', identityMessage('users.not-yourself'));
  }
  if (input.email) await emailTaken(ctx.trx, input.email, id);
  const patch: Row = { version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() };
  if (input.email !== undefined) patch.email = input.email;
  if (input.displayName !== undefined) patch.displayName = input.displayName;
  if (input.active !== undefined) patch.active = input.active;
  if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
  await ctx.trx('users').where({ id }).update(patch);
  if (input.roles) {
    const ids = await roleIds(ctx.trx, input.roles);
    await ctx.trx('userRoles').where({ userId: id }).delete();
    await ctx.trx('userRoles').insert(ids.map((roleId) => ({ tenantId: ctx.principal.tenantId, userId: id, roleId })));
  }
  // A deactivated collaborator or a new password ends every open session at once.
  if (input.active === false || input.password !== undefined) {
    await ctx.trx('refreshTokens').where({ userId: id }).whereNull('revokedAt').update({ revokedAt: ctx.trx.fn.now() });
  }
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: input.active === false ? 'user.deactivated' : 'user.updated',
    targetType: 'user', targetId: id, details: { fields: Object.keys(input).filter((k) => k !== 'password'), passwordChanged: input.password !== undefined, roles: input.roles },
  });
  const after = present(await load(ctx, id));
  const rolesAfter = after.roles as string[];
  if (rolesAfter.join() !== [...before].sort().join()) {
    await audit(ctx.trx, {
      tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'user.roles.changed',
      targetType: 'user', targetId: id, details: { before, after: rolesAfter },
    });
  }
  return after;
}

/**
 * Removes a collaborator from the organisation. Their past work keeps their
 * name (history, records they own), so the account is deactivated, its
 * sessions revoked and its roles withdrawn rather than the row deleted.
 */
export async function removeUser(ctx: RequestContext, id: string): Promise<void> {
  may(ctx, 'delete');
  if (id === ctx.principal.userId) throw ruleViolation('id', identityMessage('users.not-remove-yourself'));
  const current = await load(ctx, id, true);
  await assertMayHandOut(ctx.trx, ctx.principal, current.roles as string[], id, 'manage');
  await ctx.trx('users').where({ id }).update({ active: false, version: ctx.trx.raw('version + 1'), updatedAt: ctx.trx.fn.now() });
  await ctx.trx('userRoles').where({ userId: id }).delete();
  await ctx.trx('refreshTokens').where({ userId: id }).whereNull('revokedAt').update({ revokedAt: ctx.trx.fn.now() });
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'user.removed', targetType: 'user', targetId: id, details: { roles: { before: current.roles, after: [] } } });
}
