import { Router } from 'express';
import { userCreate, userListQuery, userUpdate } from '../../domain/identity/user.schema';
import { createUser, getUser, listUsers, removeUser, updateUser } from '../../domain/identity/users-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/** The organisation's collaborators: list, create, update (roles, deactivation, password), remove. */
export function usersRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listUsers(ctx, validate(userListQuery, req.query, 'query')) } })));
  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const created = await createUser(ctx, validate(userCreate, req.body));
    return { status: 201, body: created, headers: { ETag: etagOf(created.version as number), Location: `${req.baseUrl}/${created.id}` } };
  })));
  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const found = await getUser(ctx, String(req.params.id));
    return { body: found, headers: { ETag: etagOf(found.version as number) } };
  }));
  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const updated = await updateUser(ctx, String(req.params.id), version, validate(userUpdate, req.body));
    return { body: updated, headers: { ETag: etagOf(updated.version as number) } };
  }));
  router.delete('/:id', inTenant(deps, async (req, ctx) => {
    await removeUser(ctx, String(req.params.id));
    return { status: 204 };
  }));
  return router;
}
