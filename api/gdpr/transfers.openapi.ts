import { previewQuery, reidentifyInput, reidentifyView, transferChoicesView, transferInput, transferPreviewView, transferView } from '../../domain/gdpr/transfers.schema';
import { answer, errors, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const refused = { 422: problem('What the transfer names cannot be sent (unknown kind of record or field, a secret, a sensitive field without a reason, a third country without a safeguard); `errors` names the fields') };

/** Transfers' part of the OpenAPI document (api/gdpr/transfers.router.ts). */
export function transfersOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/transfers': {
      get: { tags, summary: 'The transfers to third parties the data protection officer declared, each with what is done to every field and its exports', responses: { 200: answer('The transfers', itemsOf(transferView)), ...errors } },
      post: {
        tags, summary: 'Declares a transfer: recipient (country; outside the EU without adequacy, its safeguard), purpose, the register\'s activity, the kinds of record and fields, anonymised or pseudonymised; a sensitive field only with a reason (audit log)',
        requestBody: jsonBody(transferInput), responses: { 201: answer('The transfer', transferView), ...errors, ...refused },
      },
    },
    '/api/v1/gdpr/transfers/choices': {
      get: { tags, summary: 'What a transfer may name in the organisation: the register\'s activities, the kinds of record with their declared fields (personal, reference or plain; sensitive; the declared operator), the recipients already used', responses: { 200: answer('The choices', transferChoicesView), ...errors } },
    },
    '/api/v1/gdpr/transfers/{id}': {
      get: { tags, summary: 'One transfer (ETag: its version)', parameters: [uuidPath()], responses: { 200: answer('The transfer', transferView), ...errors } },
    },
    '/api/v1/gdpr/transfers/{id}/preview': {
      get: { tags, summary: 'A few rows per kind of record as the recipient would receive them (treated); records nothing', parameters: [uuidPath(), ...queryParams(previewQuery)], responses: { 200: answer('The preview', transferPreviewView), ...errors } },
    },
    '/api/v1/gdpr/transfers/{id}/exports': {
      post: {
        tags, summary: 'Exports the transfer: a zip (manifeste.json — what was done to each field —, donnees/<table>.csv and .json, LISEZMOI.txt); recorded (who, when, rows, SHA-256) and shown in the register\'s recipients; X-Relais-Export-Id names the record',
        parameters: [uuidPath()],
        responses: { 201: { description: 'The archive', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }, ...errors, ...refused },
      },
    },
    '/api/v1/gdpr/transfers/{id}/reidentify': {
      post: {
        tags, summary: 'Re-identifies a pseudonym of a pseudonymised transfer (the data protection officer, holding the escrowed key): the record it stands for, or none; every attempt is in the audit log',
        parameters: [uuidPath()], requestBody: jsonBody(reidentifyInput), responses: { 200: answer('The record, or null', reidentifyView), ...errors, ...refused },
      },
    },
  };
}
