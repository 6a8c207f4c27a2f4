import { z } from 'zod';
import {
  consentEntryInput, consentEntryView, consentPurposeView, consentQuery, consentSubject, consentTextInput, consentTextUpdate, consentTextView, consentsView, myConsentInput, myDataView, purposeKey,
} from '../../domain/gdpr/consent.schemas';
import { answer, errors, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const refused = problem('Refused: an unknown purpose or channel, a date in the future, a text of another purpose (French first)');
const used = problem('The text was shown to people (an entry names it): publish a new version instead');

/** The consent ledger's part of the OpenAPI document (api/gdpr/consents.router.ts, docs/adr/0024). */
export function consentsOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/consents': {
      get: {
        tags, summary: 'A person\'s consents: each purpose and channel\'s current state (derived from the ledger) and the whole ledger, newest first (a contact: who may read it; a user: themself or the data protection officer)',
        parameters: queryParams(consentQuery), responses: { 200: answer('The consents', consentsView), ...errors },
      },
      post: {
        tags, summary: 'Appends an entry to the ledger: a grant, a soft opt-in or a withdrawal, with its source, the text shown and its expiry (takes effect at once: a send planned earlier is refused)',
        requestBody: jsonBody(consentEntryInput.extend({ subject: consentSubject })), responses: { 201: answer('The entry', consentEntryView), ...errors, 422: refused },
      },
    },
    '/api/v1/gdpr/consent-purposes': {
      get: { tags, summary: 'What people may consent to in the organisation: the purposes its modules declare, with their channels', responses: { 200: answer('`items`', itemsOf(consentPurposeView)), ...errors } },
    },
    '/api/v1/gdpr/consent-texts': {
      get: { tags, summary: 'The organisation\'s texts of consent, every version (data protection officer)', parameters: queryParams(z.object({ purpose: purposeKey.optional() })), responses: { 200: answer('`items`', itemsOf(consentTextView)), ...errors } },
      post: { tags, summary: 'Publishes a text of consent: the purpose\'s next version, its current one from now', requestBody: jsonBody(consentTextInput), responses: { 201: answer('The text', consentTextView), ...errors, 422: refused } },
    },
    '/api/v1/gdpr/consent-texts/{id}': {
      get: { tags, summary: 'One text of consent', parameters: [uuidPath()], responses: { 200: answer('The text', consentTextView), ...errors } },
      put: { tags, summary: 'Corrects a text no one was shown yet', parameters: [uuidPath()], requestBody: jsonBody(consentTextUpdate), responses: { 200: answer('The text', consentTextView), ...errors, 409: used } },
      delete: { tags, summary: 'Removes a text no one was shown yet', parameters: [uuidPath()], responses: { 204: { description: 'Removed' }, ...errors, 409: used } },
    },
    '/api/v1/gdpr/me': {
      get: { tags, summary: '« Mes données »: my profile and how many of each kind of data are about me (any signed-in person)', responses: { 200: answer('My data', myDataView), ...errors } },
    },
    '/api/v1/gdpr/me/consents': {
      get: { tags, summary: 'My consents (a portal user\'s as their contact, anyone else\'s as their user)', responses: { 200: answer('My consents', consentsView), ...errors } },
      post: { tags, summary: 'Gives or withdraws my consent (source: the portal; text: the purpose\'s current one)', requestBody: jsonBody(myConsentInput), responses: { 201: answer('The entry', consentEntryView), ...errors, 422: refused } },
    },
  };
}
