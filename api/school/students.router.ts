import { Router } from 'express';
import { readStudent } from '../../domain/school/students';
import { schoolStudents } from '../../domain/school/student-resource';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf } from '../http/if-match';

/**
 * `/api/v1/school/students` (spec 004, issue 18): the generic record endpoints of the registry (list with cursor
 * paging and the filters status, promotion, cursus, companyId, nir; create; update; delete; history), every write
 * through the kind's rules (domain/school/student-resource.ts). `GET /{id}?reveal=nir` opens the NIR for
 * `school.nir` (audited); every other answer has it masked.
 */
export function studentsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const student = await readStudent(ctx, String(req.params.id), { revealNir: req.query.reveal === 'nir' });
    return { body: student, headers: { ETag: etagOf(student.version) } };
  }));
  router.use('/', recordRouter(deps, schoolStudents));
  return router;
}
