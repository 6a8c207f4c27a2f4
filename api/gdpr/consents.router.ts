import { Router } from 'express';
import { z } from 'zod';
import { uuid } from '../../domain/core/fields';
import { appendConsent, checkSubjectAccess, organisationPurposes, readConsents } from '../../domain/gdpr/consent-ledger';
import { consentEntryInput, consentQuery, consentSubject, consentTextInput, consentTextUpdate, myConsentInput, purposeKey } from '../../domain/gdpr/consent.schemas';
import { createConsentText, deleteConsentText, getConsentText, listConsentTexts, updateConsentText } from '../../domain/gdpr/consent-texts';
import { changeMyConsent, describeMyData, myConsents } from '../../domain/gdpr/my-data';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

const idPath = z.object({ id: uuid });
const textsQuery = z.object({ purpose: purposeKey.optional() }).strict();
const recordBody = consentEntryInput.extend({ subject: consentSubject }).strict();

/**
 * `/api/v1/gdpr/…` (issue 15, docs/adr/0024): the consent ledger — a person's consents and ledger, an entry
 * recorded (grant, soft opt-in or withdrawal, with its source and text version), the texts of consent (data
 * protection officer) — and « Mes données »: my data, my consents, my own grant or withdrawal.
 */
export function consentsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/consents', inTenant(deps, async (req, ctx) => {
    const q = validate(consentQuery, req.query, 'query');
    const subject = { kind: q.subjectKind, id: q.subjectId };
    await checkSubjectAccess(ctx, subject, 'read');
    return { body: await readConsents(ctx.trx, subject, requestLocale(req)) };
  }));
  router.post('/consents', inTenant(deps, async (req, ctx) => {
    const { subject, ...entry } = validate(recordBody, req.body);
    await checkSubjectAccess(ctx, subject, 'update');
    return { status: 201, body: await appendConsent(ctx, subject, entry) };
  }));

  router.get('/consent-purposes', inTenant(deps, async (req, ctx) => ({ body: { items: await organisationPurposes(ctx.trx, requestLocale(req)) } })));
  router.get('/consent-texts', inTenant(deps, async (req, ctx) => ({ body: { items: await listConsentTexts(ctx, validate(textsQuery, req.query, 'query').purpose) } })));
  router.post('/consent-texts', inTenant(deps, async (req, ctx) => ({ status: 201, body: await createConsentText(ctx, validate(consentTextInput, req.body)) })));
  router.get('/consent-texts/:id', inTenant(deps, async (req, ctx) => ({ body: await getConsentText(ctx, validate(idPath, req.params, 'path').id) })));
  router.put('/consent-texts/:id', inTenant(deps, async (req, ctx) => ({ body: await updateConsentText(ctx, validate(idPath, req.params, 'path').id, validate(consentTextUpdate, req.body)) })));
  router.delete('/consent-texts/:id', inTenant(deps, async (req, ctx) => {
    await deleteConsentText(ctx, validate(idPath, req.params, 'path').id);
    return { status: 204 };
  }));

  router.get('/me', inTenant(deps, async (req, ctx) => ({ body: await describeMyData(ctx.trx, ctx.principal, requestLocale(req)) })));
  router.get('/me/consents', inTenant(deps, async (req, ctx) => ({ body: await myConsents(ctx, requestLocale(req)) })));
  router.post('/me/consents', inTenant(deps, async (req, ctx) => ({ status: 201, body: await changeMyConsent(ctx, validate(myConsentInput, req.body)) })));
  return router;
}
