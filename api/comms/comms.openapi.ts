import {
  campaignCreate, campaignReportView, campaignStarted, campaignView, consentRecord, consentView, inboundOutcome, messageDetail, messageListQuery, messagePage, messageSent,
  sendRequest, settingsUpdate, settingsView, templateCreate, templateKindView, templatePreview, templatePreviewView, templateUpdate, templateView,
} from '../../domain/comms/comms.schemas';
import { reportQuery } from './campaigns.router';
import { answer, errors, idempotencyKey, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

/** The comms part of the OpenAPI document, from the same zod schemas the API validates with. */
const body = jsonBody;
const id = uuidPath;
const ok = (description: string) => ({ description });
const refused = problem('Refused before any send: `reason` is one of invalid_number, no_address, opted_out, no_consent, missing_variables, unknown_template…');
const tags = ['Communications'];
const twilioForm = {
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } } },
};

export function commsOpenApiPaths(): Json {
  return {
    '/api/v1/comms/messages': {
      get: {
        tags, summary: 'Messages (outbox and log), newest first',
        parameters: queryParams(messageListQuery),
        responses: { 200: answer('`items`, `nextCursor`', messagePage), ...errors },
      },
      post: { tags, summary: 'Send an SMS or a mail (recorded, then delivered by a workflow)', parameters: [idempotencyKey], requestBody: body(sendRequest), responses: { 202: answer('The pending message', messageSent), ...errors, 422: refused } },
    },
    '/api/v1/comms/messages/{id}': { get: { tags, summary: 'A message with its status history (`events`)', parameters: [id()], responses: { 200: answer('The message', messageDetail), ...errors } } },
    '/api/v1/contacts/{id}/sms': {
      post: {
        tags, summary: 'Send an SMS to a contact (template or free text)', parameters: [id()],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { templateKey: { type: 'string' }, language: { enum: ['fr', 'en'] }, body: { type: 'string' }, variables: { type: 'object' } } } } } },
        responses: { 202: answer('The pending message', messageSent), ...errors, 422: refused },
      },
    },
    '/api/v1/contacts/{id}/consents': {
      get: { tags, summary: 'Marketing consents of a contact', parameters: [id()], responses: { 200: answer('`items`', itemsOf(consentView)), ...errors } },
      post: { tags, summary: 'Record consent for a channel, with its source', parameters: [id()], requestBody: body(consentRecord), responses: { 201: answer('The consent', consentView), ...errors } },
    },
    '/api/v1/contacts/{id}/consents/{channel}': {
      delete: { tags, summary: 'Withdraw consent (kept with its date)', parameters: [id(), { name: 'channel', in: 'path', required: true, schema: { enum: ['sms', 'mail'] } }], responses: { 200: answer('The withdrawn consent', consentView), ...errors } },
    },
    '/api/v1/comms/templates': {
      get: { tags, summary: 'Templates', parameters: [{ name: 'channel', in: 'query', schema: { enum: ['sms', 'mail'] } }, { name: 'language', in: 'query', schema: { enum: ['fr', 'en'] } }], responses: { 200: answer('`items`', itemsOf(templateView)), ...errors } },
      post: { tags, summary: 'Create a template (a variable its kind does not declare is refused)', parameters: [idempotencyKey], requestBody: body(templateCreate), responses: { 201: answer('Created', templateView), ...errors } },
    },
    '/api/v1/comms/templates/{id}': {
      get: { tags, summary: 'A template', parameters: [id()], responses: { 200: answer('The template; ETag is its version', templateView), ...errors } },
      patch: { tags, summary: 'Change a template (If-Match)', parameters: [id(), ifMatch()], requestBody: body(templateUpdate), responses: { 200: answer('Updated', templateView), ...errors, ...preconditions } },
      delete: { tags, summary: 'Delete a template', parameters: [id()], responses: { 204: ok('Deleted'), ...errors } },
    },
    '/api/v1/comms/templates/preview': { post: { tags, summary: 'Render a saved or draft template with sample, contact or given data', requestBody: body(templatePreview), responses: { 200: answer('The rendered text, the variables without data, the problems and the SMS segments', templatePreviewView), ...errors } } },
    '/api/v1/comms/template-kinds': { get: { tags, summary: 'Template kinds and the variables each allows', responses: { 200: answer('`items`', itemsOf(templateKindView)), ...errors } } },
    '/api/v1/comms/campaigns': {
      get: { tags, summary: 'Recent campaigns', responses: { 200: answer('`items`, newest first', itemsOf(campaignView)), ...errors } },
      post: { tags, summary: 'Start a bulk send (workflow) to contacts or a filter, paced to the organisation\'s rate', parameters: [idempotencyKey], requestBody: body(campaignCreate), responses: { 202: answer('Started', campaignStarted), ...errors } },
    },
    '/api/v1/comms/campaigns/{id}': {
      get: {
        tags, summary: 'Progress: counts pending/sent/refused/failed and each recipient\'s outcome and reason (paged by `after`)',
        parameters: [id(), ...queryParams(reportQuery)],
        responses: { 200: answer('The report', campaignReportView), ...errors },
      },
    },
    '/api/v1/comms/settings': {
      get: { tags, summary: 'Providers and rate limits (administrators; secrets never returned)', responses: { 200: answer('Settings', settingsView), ...errors } },
      put: { tags, summary: 'Change providers, credentials (encrypted at rest) and rate limits', parameters: [ifMatch(false)], requestBody: body(settingsUpdate), responses: { 200: answer('Settings', settingsView), ...errors, 412: preconditions[412] } },
    },
    '/api/v1/comms/sandbox/sms/inbound': {
      post: { tags, summary: 'Simulate an SMS reply while SMS go through the sandbox (STOP/START included)', responses: { 201: answer('The inbound message and the keyword\'s effect', inboundOutcome), ...errors } },
    },
    '/api/v1/webhooks/twilio/status': {
      post: { tags, security: [], summary: 'Twilio status callback (X-Twilio-Signature checked; `?tenant=<slug>`)', parameters: [{ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }], requestBody: twilioForm, responses: { 204: ok('Applied'), 403: problem('Wrong or missing signature: nothing changed') } },
    },
    '/api/v1/webhooks/twilio/inbound': {
      post: { tags, security: [], summary: 'Twilio inbound SMS (STOP/ARRÊT/… opt out, START opts in)', parameters: [{ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }], requestBody: twilioForm, responses: { 200: { description: 'Empty TwiML', content: { 'text/xml': { schema: { type: 'string' } } } }, 403: problem('Wrong or missing signature: nothing changed') } },
    },
  };
}
