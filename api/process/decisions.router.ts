import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError, NotFoundError } from '../../domain/errors';
import { processMessage } from '../../domain/process/process.messages';
import { PROCESS_KEY } from '../../domain/process/bpmn-model';
import { deployDecisions, evaluateDeployedDecision, getDecision, listDecisions } from '../../domain/process/decisions-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';

const XML_TYPES = ['application/xml', 'text/xml'];

/** A little over the file limit (1 MB): a file just above it gets the compiler's clear answer, not the body parser's. */
const xmlBody = express.text({ type: XML_TYPES, limit: '2mb' });

const requireXml: RequestHandler = (req, _res, next) => {
  if (req.is(XML_TYPES)) return next();
  next(new DomainError(processMessage('definitions.send-xml', { format: 'DMN' }), 415, 'unsupported-media-type'));
};

export const evaluateDecisionRequest = z.object({
  variables: z.record(z.string(), z.unknown()).default({}).describe('The variables the decision reads, as a process would hold them'),
}).strict();

function decisionParam(value: unknown): string {
  const id = String(value);
  if (!PROCESS_KEY.test(id)) throw new NotFoundError(processMessage('decisions.not-found', { decisionId: id.slice(0, 100), version: null }));
  return id;
}

/** DMN decisions: deploy a DMN file, list decisions, read one's plan, evaluate one to test it. */
export function decisionDefinitionsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', xmlBody, requireXml, inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const body = await deployDecisions(ctx, typeof req.body === 'string' ? req.body : '');
    return { status: 201, body };
  })));

  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: { items: await listDecisions(ctx) } })));

  router.get('/:decisionId', inTenant(deps, async (req, ctx) => ({ body: await getDecision(ctx, decisionParam(req.params.decisionId)) })));

  router.post('/:decisionId/evaluate', inTenant(deps, async (req, ctx) => {
    const { variables } = validate(evaluateDecisionRequest, req.body ?? {});
    return { body: await evaluateDeployedDecision(ctx, decisionParam(req.params.decisionId), variables) };
  }));

  return router;
}
