import { correctionCreate, correctionDecision, correctionListQuery } from '../../domain/school/corrections';
import { gradesImportBody } from '../../domain/school/grades-import';
import { companiesQuery, correctionRequest, directoryQuery, gradesImportReport, listedAlumnus, portalCompany, portalGrades, portalProfile, staffCorrectionRequest } from '../../domain/school/portal.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

/** The student portal, its correction requests and the GetEtu grades import in the OpenAPI document (issue 18, ADR 0053). */
export function portalOpenApiPaths(): Json {
  const tags = ['School portal'];
  const id = uuidPath();
  const own = 'The principal’s own record only (found by their user); another student’s answers 404';
  return {
    '/api/v1/school/portal/me': { get: { tags, summary: `« Mon profil »: my registry data, the NIR masked. ${own}`, responses: { 200: answer('My profile', portalProfile), ...errors } } },
    '/api/v1/school/portal/grades': { get: { tags, summary: `« Mes notes »: my published grades by term with the weighted average. ${own}`, responses: { 200: answer('My grades', portalGrades), ...errors } } },
    '/api/v1/school/portal/correction-requests': {
      get: { tags, summary: 'My correction requests, newest first', responses: { 200: answer('`items`', itemsOf(correctionRequest)), ...errors } },
      post: { tags, summary: 'Ask the student office to correct a field of my record (a requested NIR is sealed at once); one pending request per field', requestBody: jsonBody(correctionCreate), responses: { 201: answer('The request', correctionRequest), ...errors, 409: problem('A request is pending for this field'), 422: problem('A value that is not one, or the one recorded') } },
    },
    '/api/v1/school/portal/correction-requests/{id}': { get: { tags, summary: 'One of my requests and its answer', parameters: [id], responses: { 200: answer('The request', correctionRequest), ...errors } } },
    '/api/v1/school/portal/alumni': { get: { tags, summary: '« Réseau alumni »: the alumni who agreed to be listed (name, promotion, cursus, employer; never phones, address or NIR)', parameters: queryParams(directoryQuery), responses: { 200: answer('`items`', itemsOf(listedAlumnus)), ...errors } } },
    '/api/v1/school/portal/alumni/{id}': { get: { tags, summary: 'One listed alumnus; one not listed answers 404', parameters: [id], responses: { 200: answer('The alumnus', listedAlumnus), ...errors } } },
    '/api/v1/school/portal/companies': { get: { tags, summary: '« Entreprises »: the companies the school works with (name, city, sector)', parameters: queryParams(companiesQuery), responses: { 200: answer('`items`', itemsOf(portalCompany)), ...errors } } },
    '/api/v1/school/correction-requests': { get: { tags, summary: 'The student office’s correction requests (pending, oldest first; or decided)', parameters: queryParams(correctionListQuery), responses: { 200: answer('`items`', itemsOf(staffCorrectionRequest)), ...errors } } },
    '/api/v1/school/correction-requests/{id}/decision': {
      post: { tags, summary: 'Accept (the value written to the student’s record through the registry) or refuse with an answer', parameters: [id, ifMatch(false)], requestBody: jsonBody(correctionDecision), responses: { 200: answer('The request', correctionRequest), ...errors, ...preconditions, 409: problem('Already decided, or a NIR another student holds'), 422: problem('A refusal without an answer') } },
    },
    '/api/v1/school/grades/import': {
      post: { tags, summary: 'Import grades from GetEtu (`rows` as JSON, or `csv`: nir or numero_etudiant; semestre; code_cours; intitule_cours; note; coefficient; enseignant): upsert per student, term and course, each row reported, a bad row rejected with its reason; the NIR never repeated; `dryRun: true` checks and reports without writing. Teachers and the student office', requestBody: jsonBody(gradesImportBody), responses: { 200: answer('The report', gradesImportReport), ...errors } },
    },
  };
}
