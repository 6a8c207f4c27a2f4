import { Router } from 'express';
import { contactAssignmentCreate } from '../../domain/core/contact.schema';
import { assignContact, listAssignments, unassignContact } from '../../domain/core/contact-assignments';
import { isUuid } from '../../domain/core/record-service';
import { NotFoundError } from '../../domain/errors';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

export function contactAssignmentsRouter(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: { items: await listAssignments(ctx, String(req.params.id)) } })));
  router.post('/', inTenant(deps, async (req, ctx) => ({
    status: 201, body: await assignContact(ctx, String(req.params.id), validate(contactAssignmentCreate, req.body)),
  })));
  router.delete('/:assignmentId', inTenant(deps, async (req, ctx) => {
    if (!isUuid(req.params.assignmentId)) throw new NotFoundError({ fr: 'affectation', en: 'assignment' });
    await unassignContact(ctx, String(req.params.id), String(req.params.assignmentId));
    return { status: 204 };
  }));
  return router;
}
