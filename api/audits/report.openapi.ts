import { report, reportReview, reportTemplateUpdate, reportUpdate, reportVersion, templateSnapshot } from '../../domain/audits/report/report.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';
import { reportPdfQuery } from './report.router';

/** The audit report's paths in the OpenAPI document (issue 16, docs/adr/0038-audit-reports.md). */
export function reportOpenApiPaths(): Json {
  const tags = ['AuditReport'];
  const id = uuidPath();
  const state = problem('The report is not in a state that allows it (frozen while in review, approved or delivered; `detail` says why, in French first)');
  const etag = { ETag: { description: 'The report\'s version, for If-Match', schema: { type: 'string' } } };
  const reportAnswer = { ...answer('The report', report), headers: etag };
  return {
    '/api/v1/audits/missions/{id}/report': {
      get: { tags, summary: 'The mission\'s report: its sections (Markdown; the assistant\'s drafts flagged until a person edits them), status, the last review\'s comments and what you may do (made from the organisation\'s template the first time)', parameters: [id], responses: { 200: reportAnswer, ...errors } },
      put: {
        tags, summary: 'Write the sections (all of them, in order; one left out is removed) while the report is a draft or sent back — an auditor of the mission or a mission lead',
        parameters: [id, ifMatch()], requestBody: jsonBody(reportUpdate), responses: { 200: reportAnswer, ...errors, 409: state, ...preconditions },
      },
    },
    '/api/v1/audits/missions/{id}/report/submit': {
      post: { tags, summary: 'Submit the report for review: the next version frozen (sections, findings and inventory as they are), the report read-only until the lead decides', parameters: [id], responses: { 200: reportAnswer, ...errors, 409: state } },
    },
    '/api/v1/audits/missions/{id}/report/review': {
      post: {
        tags, summary: 'The mission lead\'s review of the version submitted: comments per section and the decision, approve (never one\'s own submission) or request changes (at least one comment)',
        parameters: [id], requestBody: jsonBody(reportReview), responses: { 200: reportAnswer, ...errors, 409: state, 422: problem('Changes requested without a comment') },
      },
    },
    '/api/v1/audits/missions/{id}/report/versions': {
      get: { tags, summary: 'Every submitted version, newest first: who submitted and decided, and the comments made on it', parameters: [id], responses: { 200: answer('The versions', itemsOf(reportVersion)), ...errors } },
    },
    '/api/v1/audits/missions/{id}/report/pdf': {
      get: {
        tags, summary: 'The report printed with the organisation\'s branding as it was when the report was made: a version as frozen (the current one by default), or the draft as it stands (« BROUILLON »)',
        parameters: [id, ...queryParams(reportPdfQuery)],
        responses: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors, 422: problem('That version\'s content was erased by the mission\'s anonymisation') },
      },
    },
    '/api/v1/audits/report-template': {
      get: { tags, summary: 'The organisation\'s report template and branding, as a new report copies them', responses: { 200: answer('The template', templateSnapshot), ...errors } },
      put: { tags, summary: 'Change the report template (mission leads, administration); reports already made keep their copy', requestBody: jsonBody(reportTemplateUpdate), responses: { 200: answer('The template', templateSnapshot), ...errors } },
    },
  };
}
