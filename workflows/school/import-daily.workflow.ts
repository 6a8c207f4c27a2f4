import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { DailyImportActivities, DailyImportInput, DailyImportOutcome } from './import-daily.contract';

const { 'school.import.due': due, 'school.import.flag': flag } = proxyActivities<DailyImportActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});
// A file dropped late is found by a later attempt: 15 min, 30 min, 1 h, 1 h… five attempts over about three hours.
const { 'school.import.day': importDay } = proxyActivities<DailyImportActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '15 minutes', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 5 },
});

function codeOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.type ? cause.type : 'failed';
}

/** One hour's daily imports (import-daily.contract.ts): each organisation due imported, or its day flagged. */
export async function schoolDailyImport(input: DailyImportInput = {}): Promise<DailyImportOutcome[]> {
  const jobs = await due(input);
  const outcomes: DailyImportOutcome[] = [];
  for (const job of jobs) {
    try {
      outcomes.push(await importDay(job));
    } catch (error) {
      outcomes.push(await flag({ ...job, errorCode: codeOf(error) }));
    }
  }
  return outcomes;
}
