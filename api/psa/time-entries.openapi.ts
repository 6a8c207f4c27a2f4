import { z } from 'zod';
import {
  prebillingInvoice, prebillingReport, timeEntry, timeEntryApprove, timeEntryReview, timerStart, timerState, timerStop, timerStopped, timer,
} from '../../domain/psa/time-entry.schema';
import { answer, errors, idempotencyKey, jsonBody, problem, uuidPath, type Json } from '../openapi-parts';

/**
 * Time entries' review actions, the timer and « Facturer » in the OpenAPI document (the record
 * endpoints of /psa/time-entries and /psa/pre-billing come from the record kinds).
 */
export function timeOpenApiPaths(): Json {
  const id = uuidPath();
  const state = problem('The entry is not in a state that allows it (`detail` says which, in French first)');
  const approved = timeEntry.extend({ ticketApprovedMinutes: z.number().int(), ticketBillableAmountCents: z.number().int() });
  return {
    '/api/v1/psa/time-entries/{id}/submit': {
      post: { tags: ['PsaTimeEntry'], summary: 'Submit a draft (or an entry sent back) for approval; submitting again changes nothing', parameters: [id], responses: { 200: answer('The entry, submitted', timeEntry), ...errors, 409: state } },
    },
    '/api/v1/psa/time-entries/{id}/approve': {
      post: {
        tags: ['PsaTimeEntry'], summary: 'Approve a submitted entry (a manager): in one transaction, its deduction from the ticket\'s contract (covered and billed minutes), the ticket\'s approved minutes and billable amount, and the pre-billing queue when the ticket is closed',
        parameters: [id], requestBody: { required: false, content: jsonBody(timeEntryApprove).content }, responses: { 200: answer('The entry, approved, with the ticket\'s new totals', approved), ...errors, 409: state },
      },
    },
    '/api/v1/psa/time-entries/{id}/request-changes': {
      post: { tags: ['PsaTimeEntry'], summary: 'Send a submitted entry back to its technician with what to change (a manager)', parameters: [id], requestBody: jsonBody(timeEntryReview), responses: { 200: answer('The entry, to correct', timeEntry), ...errors, 409: state } },
    },
    '/api/v1/psa/timer': {
      get: { tags: ['PsaTimer'], summary: 'Your running timer (null when none) and the server\'s time', responses: { 200: answer('The timer', timerState), ...errors } },
      delete: { tags: ['PsaTimer'], summary: 'Drop your running timer without writing time', responses: { 204: { description: 'Dropped' }, ...errors, 409: problem('No timer runs') } },
    },
    '/api/v1/psa/timer/start': {
      post: {
        tags: ['PsaTimer'], summary: 'Start your timer on a ticket (one per person; again on the same ticket: the one running)', requestBody: jsonBody(timerStart),
        responses: { 201: answer('Started', z.object({ timer, now: z.string() })), 200: answer('Already running on this ticket', z.object({ timer, now: z.string() })), ...errors, 409: problem('Your timer runs on another ticket') },
      },
    },
    '/api/v1/psa/timer/stop': {
      post: {
        tags: ['PsaTimer'], summary: 'Stop your timer: a draft time entry of the elapsed time in whole minutes (a started minute counts; at most 1,440)',
        parameters: [idempotencyKey], requestBody: { required: false, content: jsonBody(timerStop).content },
        responses: { 201: answer('The draft entry written', timerStopped), ...errors, 409: problem('No timer runs') },
      },
    },
    '/api/v1/psa/pre-billing/invoice': {
      post: {
        tags: ['PsaPrebillingItem'], summary: '« Facturer »: the selected pending items become invoices, one per client, one line per ticket (drafts unless `issue`), with a report per item',
        parameters: [idempotencyKey], requestBody: jsonBody(prebillingInvoice), responses: { 200: answer('Each item invoiced or refused with its reason; the invoices made', prebillingReport), ...errors },
      },
    },
  };
}
