import { Router } from 'express';
import { z } from 'zod';
import { billedByPorts } from '../../activities/telecom/control-sources';
import { telecomPorts } from '../../activities/telecom/ports';
import { DomainError, UnprocessableError } from '../../domain/errors';
import { decideAnomaly, getAnomaly, listAnomalies } from '../../domain/telecom/anomalies';
import { startFix } from '../../domain/telecom/anomaly-fixes';
import { requireAnomalyRead, requireControlCreate } from '../../domain/telecom/control-access';
import { controlReport } from '../../domain/telecom/control-report';
import { currentPeriod, presentRun, recordControlRun } from '../../domain/telecom/control-runs';
import { controlMessage as m } from '../../domain/telecom/control.messages';
import { anomalyDecision, anomalyFix, anomalyListQuery, controlRunCreate, period, supplierInvoiceFetch, supplierInvoiceImport } from '../../domain/telecom/control.schema';
import { importSupplierInvoiceCsv, listSupplierInvoices, writeSupplierInvoice } from '../../domain/telecom/supplier-invoices';
import type { OperatorInvoiceLine } from '../../integrations/operators/operator.port';
import { isPortRefusal, PortRetryableError } from '../../integrations/port-errors';
import { inTenant, inTenantAroundVendor } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

const periodQuery = z.object({ period: period.optional() }).strict();

/** A vendor's refusal as the platform's 422, its French and English reason kept; a vendor out of reach as 503 (nothing written). */
function portRefusal(error: unknown): never {
  if (isPortRefusal(error)) throw new UnprocessableError(error.reason.fr, { reason: error.reason });
  if (error instanceof PortRetryableError) throw new DomainError(m('telecom.control.vendor-unavailable'), 503, 'vendor-unavailable');
  throw error;
}

/**
 * `/api/v1/telecom/…` of the billing control (spec 002 §7, ADR 0045): the anomalies (« voir anomalies ») and
 * their fixes, the supplier invoices (CSV or the operator's port), the control runs on demand and the
 * monthly report. An on-demand run or fetch asks the ports with no transaction held (`inTenantAroundVendor`:
 * rights checked before, the answer written after), as the nightly run does.
 */
export function controlRouter(deps: ApiDeps): Router {
  const router = Router();
  const ports = telecomPorts({ knex: deps.knex });

  router.get('/anomalies', inTenant(deps, async (req, ctx) => ({ body: await listAnomalies(ctx, validate(anomalyListQuery, req.query, 'query')), headers: { 'Cache-Control': 'no-store' } })));
  router.get('/anomalies/:id', inTenant(deps, async (req, ctx) => {
    const anomaly = await getAnomaly(ctx, String(req.params.id));
    return { body: anomaly, headers: { ETag: etagOf(anomaly.version), 'Cache-Control': 'no-store' } };
  }));
  router.post('/anomalies/:id/fix', inTenant(deps, async (req, ctx) => {
    const input = validate(anomalyFix, req.body);
    const anomaly = await startFix(ctx, String(req.params.id), expectedVersion(req, false), input);
    return { body: anomaly, headers: { ETag: etagOf(anomaly.version) } };
  }));
  router.post('/anomalies/:id/decision', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const anomaly = await decideAnomaly(ctx, String(req.params.id), version, validate(anomalyDecision, req.body));
    return { body: anomaly, headers: { ETag: etagOf(anomaly.version) } };
  }));

  router.get('/supplier-invoices', inTenant(deps, async (req, ctx) => ({ body: { items: await listSupplierInvoices(ctx, validate(periodQuery, req.query, 'query')) } })));
  router.post('/supplier-invoices', inTenant(deps, async (req, ctx) => ({ status: 201, body: await importSupplierInvoiceCsv(ctx, validate(supplierInvoiceImport, req.body)) })));
  router.post('/supplier-invoices/fetch', inTenantAroundVendor(deps,
    async (req, ctx) => {
      const input = validate(supplierInvoiceFetch, req.body);
      requireControlCreate(ctx);
      return input;
    },
    async (input, tenantId): Promise<OperatorInvoiceLine[]> => {
      const port = await ports.operator(tenantId, input.operatorKey).catch(portRefusal);
      if (!port.listInvoiceLines) throw new UnprocessableError(m('telecom.control.port-no-invoices', { operatorKey: input.operatorKey }));
      return port.listInvoiceLines(input.period).catch(portRefusal);
    },
    async (_req, ctx, input, lines) => {
      const rows = lines.filter((l) => l.periodStart.slice(0, 7) === input.period && (l.number || l.operatorLineId))
        .map((l) => ({ number: l.number, operatorLineId: l.operatorLineId, productCode: l.productCode.toUpperCase(), period: input.period, amountCents: l.amountCents }));
      const reference = lines[0]?.invoiceRef ?? `API-${input.period}`;
      return { status: 201, body: await writeSupplierInvoice(ctx, { operatorKey: input.operatorKey, period: input.period, reference, source: 'operator-port', rows }) };
    }));

  router.get('/control-runs', inTenant(deps, async (req, ctx) => {
    requireAnomalyRead(ctx);
    const { period: p } = validate(periodQuery, req.query, 'query');
    const qb = ctx.trx('telecomControlRuns').orderBy('createdAt', 'desc').limit(50);
    if (p) qb.where('period', p);
    return { body: { items: ((await qb) as Array<Record<string, unknown>>).map(presentRun) } };
  }));
  router.post('/control-runs', inTenantAroundVendor(deps,
    async (req, ctx) => {
      const input = validate(controlRunCreate, req.body ?? {});
      requireControlCreate(ctx);
      return { period: input.period ?? currentPeriod() };
    },
    (run, tenantId) => billedByPorts(ports, deps.knex, tenantId, run.period).catch(portRefusal),
    async (_req, ctx, run, billed) => ({
      status: 201,
      body: await recordControlRun(ctx.trx, ctx.principal.tenantId, { period: run.period, trigger: 'manual', startedBy: ctx.principal.userId ?? null, billed }),
    })));

  router.get('/control-reports/:period', inTenant(deps, async (req, ctx) => {
    const { period: p } = validate(z.object({ period }), { period: req.params.period }, 'path');
    return { body: await controlReport(ctx, p!), headers: { 'Cache-Control': 'no-store' } };
  }));
  return router;
}
