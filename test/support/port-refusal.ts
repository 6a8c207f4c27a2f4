import { PortRefusedError } from '../../integrations/port-errors';

/** The refusal a port call ends with (a test fails if it answers, or fails otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<PortRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PortRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
