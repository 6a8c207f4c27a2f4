import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors';
import { processMessage } from '../../domain/process/process.messages';
import { PROCESS_KEY } from '../../domain/process/bpmn-model';
import {
  deleteDraft, deploy, getXml, listDefinitions, listVersions, reactivate, readPlan, refuseVersionDelete, retire, saveDraft,
  type DefinitionSummary, type VersionRef,
} from '../../domain/process/definitions-service';
import { renderDeep } from '../../domain/i18n/messages';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';
import { RETIRED_BEFORE_TIMER, scheduleTimerStarts, startTimerCycles, stopTimerCycles, takeBackTimerStarts, type StartSchedule } from './timer-starts.link';

const XML_TYPES = ['application/xml', 'text/xml'];

/** A little over the definition limit (1 MB): a file just above it gets the parser's clear answer, not the body parser's. */
const xmlBody = express.text({ type: XML_TYPES, limit: '2mb' });

const requireXml: RequestHandler = (req, _res, next) => {
  if (req.is(XML_TYPES)) return next();
  next(new DomainError(processMessage('definitions.send-xml', { format: 'BPMN' }), 415, 'unsupported-media-type'));
};

const postQuery = z.object({ deploy: z.enum(['true', 'false']).default('false') }).strict();

function keyParam(value: unknown): string {
  const key = String(value);
  if (!PROCESS_KEY.test(key)) throw new NotFoundError(processMessage('definitions.not-found', { key: key.slice(0, 100), version: 'any' }));
  return key;
}

function versionParam(value: unknown, allowDraft: boolean): VersionRef {
  const text = String(value);
  if (/^[1-9]\d{0,8}$/.test(text)) return Number(text);
  if (text === 'latest' || (allowDraft && text === 'draft')) return text;
  throw new ValidationError([{ field: 'version', message: processMessage('definitions.field.version', { draft: allowDraft }) }]);
}

/** Process definitions: save a draft or deploy a BPMN file, list keys and versions, read XML and compiled plans. */
export function processDefinitionsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', xmlBody, requireXml, inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const { deploy: deployIt } = validate(postQuery, req.query, 'query');
    const xml = typeof req.body === 'string' ? req.body : '';
    let body: DefinitionSummary & { scheduledStarts?: Awaited<ReturnType<typeof scheduleTimerStarts>>; startSchedules?: StartSchedule[] } = deployIt === 'true' ? await deploy(ctx, xml) : await saveDraft(ctx, xml);
    if (deployIt === 'true' && body.version !== null) {
      const { key, version } = body;
      const scheduled = await scheduleTimerStarts(deps, ctx, key, version);
      if (scheduled.length) body = { ...body, scheduledStarts: scheduled };
      const schedules = await startTimerCycles(deps, ctx, key, version);
      if (schedules.length) body = { ...body, startSchedules: schedules };
    }
    const where = `${req.baseUrl}/${encodeURIComponent(body.key)}/versions/${body.version ?? 'draft'}/xml`;
    // The lint problems and warnings in the reader's language (each with its code), before the answer is kept for a repeat.
    return { status: 201, body: renderDeep(body, requestLocale(req)), headers: { Location: where } };
  })));

  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: { items: await listDefinitions(ctx) } })));

  router.get('/:key/versions', inTenant(deps, async (req, ctx) => ({ body: { items: await listVersions(ctx, keyParam(req.params.key)) } })));

  router.get('/:key/versions/:version/xml', inTenant(deps, async (req, ctx) => {
    const xml = await getXml(ctx, keyParam(req.params.key), versionParam(req.params.version, true));
    return { raw: Buffer.from(xml, 'utf8'), headers: { 'Content-Type': 'application/xml; charset=utf-8' } };
  }));

  router.get('/:key/versions/:version/plan', inTenant(deps, async (req, ctx) => {
    const version = versionParam(req.params.version, false) as number | 'latest';
    return { body: await readPlan(ctx, keyParam(req.params.key), version) };
  }));

  router.delete('/:key/draft', inTenant(deps, async (req, ctx) => {
    await deleteDraft(ctx, keyParam(req.params.key));
    return { status: 204 };
  }));

  router.delete('/:key/versions/:version', inTenant(deps, async (req, ctx) => {
    const version = versionParam(req.params.version, true);
    if (version === 'draft') {
      await deleteDraft(ctx, keyParam(req.params.key));
      return { status: 204 };
    }
    if (version === 'latest') throw new ValidationError([{ field: 'version', message: processMessage('definitions.field.version-to-delete') }]);
    return refuseVersionDelete(ctx, keyParam(req.params.key), version);
  }));

  // Retired: no new instance from the API, messages, timers or call activities; running ones continue.
  router.post('/:key/retire', inTenant(deps, async (req, ctx) => {
    const key = keyParam(req.params.key);
    const state = await retire(ctx, key);
    const cancelledTimerStarts = await takeBackTimerStarts(deps, ctx, key, RETIRED_BEFORE_TIMER);
    const stoppedSchedules = await stopTimerCycles(deps, ctx, key, 'Process retired');
    return { body: { ...state, cancelledTimerStarts, stoppedSchedules } };
  }));

  router.post('/:key/reactivate', inTenant(deps, async (req, ctx) => {
    const key = keyParam(req.params.key);
    const { latestVersion, ...state } = await reactivate(ctx, key);
    // The timer starts its retirement took back are scheduled again (from now).
    const takenBack: Array<{ businessKey: string }> = await ctx.trx('processInstances')
      .where({ processKey: key, version: latestVersion, status: 'cancelled', cancelReason: RETIRED_BEFORE_TIMER }).select('businessKey');
    const scheduledStarts = takenBack.length ? await scheduleTimerStarts(deps, ctx, key, latestVersion, takenBack.map((r) => r.businessKey)) : [];
    // Its schedules start again from now (a firing missed meanwhile is not made up for).
    const startSchedules = await startTimerCycles(deps, ctx, key, latestVersion);
    return { body: { ...state, scheduledStarts, startSchedules } };
  }));

  return router;
}
