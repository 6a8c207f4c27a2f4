import { z } from 'zod';
import { anomaly, anomalyDecision, anomalyFix, anomalyListQuery, controlReport, controlRunCreate, supplierInvoiceFetch, supplierInvoiceImport } from '../../domain/telecom/control.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const invoice = z.object({ id: z.string(), operatorKey: z.string(), period: z.string(), reference: z.string(), source: z.string(), fileName: z.string().nullable(), rowCount: z.number(), totalCents: z.number(), createdAt: z.string(), updatedAt: z.string() });
const run = z.object({ id: z.string(), period: z.string(), trigger: z.string(), status: z.string(), found: z.number(), opened: z.number(), resolved: z.number(), billingSystemsChecked: z.number(), invoiceRowsChecked: z.number(), createdAt: z.string(), finishedAt: z.string().nullable() });

/** The billing control in the OpenAPI document (issue 17, ADR 0045). */
export function controlOpenApiPaths(): Json {
  const tags = ['Telecom billing control'];
  const id = uuidPath();
  const periodPath = { name: 'period', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } };
  return {
    '/api/v1/telecom/anomalies': {
      get: { tags, summary: 'The billing-control anomalies with their `kind` (terminated-still-billed, purchase-price-gap), newest first; filters kind, status, accountId, lineId; cursor paging. « voir anomalies »; the prices only with « voir marge »', parameters: queryParams(anomalyListQuery), responses: { 200: answer('`items` and `nextCursor`', itemsOf(anomaly).extend({ nextCursor: z.string().nullable() })), ...errors } },
    },
    '/api/v1/telecom/anomalies/{id}': {
      get: { tags, summary: 'An anomaly (ETag: its version)', parameters: [id], responses: { 200: answer('The anomaly', anomaly), ...errors } },
    },
    '/api/v1/telecom/anomalies/{id}/fix': {
      post: { tags, summary: 'Start fixing: terminate billing, dispute with the operator or update the catalogue; creates a deployment of the line (« lancer déploiement ») and moves the anomaly to `fixing`', parameters: [id, ifMatch(false)], requestBody: jsonBody(anomalyFix), responses: { 200: answer('The anomaly', anomaly), ...errors, ...preconditions, 422: problem('Closed, or an action that does not fix this kind') } },
    },
    '/api/v1/telecom/anomalies/{id}/decision': {
      post: { tags, summary: 'Resolve (with the money recovered), dismiss or reopen', parameters: [id, ifMatch()], requestBody: jsonBody(anomalyDecision), responses: { 200: answer('The anomaly', anomaly), ...errors, ...preconditions } },
    },
    '/api/v1/telecom/supplier-invoices': {
      get: { tags, summary: 'The imported supplier invoices, newest period first', parameters: [{ name: 'period', in: 'query', required: false, schema: { type: 'string' } }], responses: { 200: answer('`items`', itemsOf(invoice)), ...errors } },
      post: { tags, summary: 'Import an operator\'s CSV (semicolons, French decimals; line; product code; period; amount): every row or nothing, each bad row named in French; the same operator, period and reference again replaces its rows', requestBody: jsonBody(supplierInvoiceImport), responses: { 201: answer('The invoice', invoice), ...errors } },
    },
    '/api/v1/telecom/supplier-invoices/fetch': {
      post: { tags, summary: 'Read an operator\'s invoice lines of a month through its port, where it offers them', requestBody: jsonBody(supplierInvoiceFetch), responses: { 201: answer('The invoice', invoice), ...errors, 422: problem('The operator does not offer its invoices, or refused') } },
    },
    '/api/v1/telecom/control-runs': {
      get: { tags, summary: 'The latest control runs (one month\'s with `period`)', parameters: [{ name: 'period', in: 'query', required: false, schema: { type: 'string' } }], responses: { 200: answer('`items`', itemsOf(run)), ...errors } },
      post: { tags, summary: 'Run the two controls over a month now (this month by default); running it again never duplicates an anomaly', requestBody: jsonBody(controlRunCreate), responses: { 201: answer('The run', run), ...errors } },
    },
    '/api/v1/telecom/control-reports/{period}': {
      get: { tags, summary: 'The control report of a month: invoices controlled, anomalies by kind and status, the loss still open, the money recovered', parameters: [periodPath], responses: { 200: answer('The report', controlReport), ...errors } },
    },
  };
}
