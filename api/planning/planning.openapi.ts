import { team } from '../../domain/planning/entry.schema';
import { agendaPerson, capacityAnswer, icalFeedRenewed, icalFeedState, plannableItem, workingHoursAnswer } from '../../domain/planning/planning.schema';
import { capacityQuery, membersInput } from '../../domain/planning/planning-service';
import { workingHoursInput } from '../../domain/planning/working-hours';
import { answer, errors, idempotencyKey, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';
import { toPlanQuery } from './planning.router';

/** Planning's endpoints beyond its records' (api/planning/planning.router.ts). */
export function planningOpenApiPaths(): Json {
  const userId = uuidPath('userId');
  return {
    '/api/v1/planning/capacity': {
      get: {
        tags: ['Planning'], summary: 'Capacity forecast of a team: per person and per ISO week, available hours (working hours less absences), planned hours and load %',
        parameters: queryParams(capacityQuery), responses: { 200: answer('The forecast', capacityAnswer), ...errors },
      },
    },
    '/api/v1/planning/people': {
      get: { tags: ['Planning'], summary: 'The people whose agendas you may see (everyone for who reads every agenda, else you and your teammates), with their teams', responses: { 200: answer('`items`', itemsOf(agendaPerson)), ...errors } },
    },
    '/api/v1/planning/to-plan': {
      get: {
        tags: ['Planning'], summary: 'Records waiting to be planned (the organisation\'s verticals register them: open tickets of a team for the MSP)',
        parameters: queryParams(toPlanQuery), responses: { 200: answer('`items`', itemsOf(plannableItem)), ...errors },
      },
    },
    '/api/v1/planning/teams/{id}/members': {
      put: {
        tags: ['Planning'], summary: 'Sets who is in the team (noted in its history)',
        parameters: [uuidPath()], requestBody: jsonBody(membersInput), responses: { 200: answer('The team', team), ...errors },
      },
    },
    '/api/v1/planning/working-hours/{userId}': {
      get: { tags: ['Planning'], summary: 'A person\'s working week (their own, or the organisation\'s business calendar)', parameters: [userId], responses: { 200: answer('Working hours', workingHoursAnswer), ...errors } },
      put: { tags: ['Planning'], summary: 'Sets a person\'s working week', parameters: [userId], requestBody: jsonBody(workingHoursInput), responses: { 200: answer('Working hours', workingHoursAnswer), ...errors } },
      delete: { tags: ['Planning'], summary: 'Back to the organisation\'s business calendar', parameters: [userId], responses: { 200: answer('Working hours', workingHoursAnswer), ...errors } },
    },
    '/api/v1/planning/ical-feed': {
      get: { tags: ['Planning'], summary: 'Whether your iCalendar feed has a secret address, and since when', responses: { 200: answer('Feed state', icalFeedState), ...errors } },
      post: {
        tags: ['Planning'], summary: 'A new secret address for your iCalendar feed (the previous one stops answering); the token is shown this once',
        parameters: [idempotencyKey], responses: { 201: answer('The new address', icalFeedRenewed), ...errors },
      },
    },
    '/api/v1/planning/ical/{file}': {
      get: {
        tags: ['Planning'], summary: 'A person\'s agenda as iCalendar (RFC 5545), at its secret address `<token>.ics`; no access token', security: [],
        parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}\\.ics$' } }],
        responses: { 200: { description: 'The feed', content: { 'text/calendar': { schema: { type: 'string' } } } }, 404: problem('Unknown or renewed address') },
      },
    },
  };
}
