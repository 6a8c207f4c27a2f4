/**
 * Exit codes scripts can rely on (documented in docs/cli.md). Every failure the
 * CLI expects is a CliError carrying one of these; anything else is a bug and
 * exits with UNEXPECTED after being reported to Sentry.
 */
export const ExitCode = {
  OK: 0,
  UNEXPECTED: 1,
  USAGE: 2,
  NOT_LOGGED_IN: 3,
  FORBIDDEN: 4,
  NOT_FOUND: 5,
  CONFLICT: 6,
  UNREACHABLE: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface FieldProblem {
  field: string;
  message: string;
}

/** An expected failure: its message is for the person at the terminal, never a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  /** `status`: the API's HTTP status when the failure is its answer. */
  constructor(message: string, readonly exitCode: ExitCode, readonly problems: FieldProblem[] = [], readonly status?: number) {
    super(message);
  }
}

export function usageError(message: string, problems: FieldProblem[] = []): CliError {
  return new CliError(message, ExitCode.USAGE, problems);
}

/** Which exit code an API answer's status means. 5xx and unknown statuses are unexpected. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 400 || status === 422) return ExitCode.USAGE;
  if (status === 401) return ExitCode.NOT_LOGGED_IN;
  if (status === 403) return ExitCode.FORBIDDEN;
  if (status === 404) return ExitCode.NOT_FOUND;
  if (status === 409 || status === 412) return ExitCode.CONFLICT;
  return ExitCode.UNEXPECTED;
}
