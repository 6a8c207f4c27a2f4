/**
 * The two ways a call through the telecom ports (operators, billing systems) fails, as types the
 * activities branch on (ADR 0042):
 *  - refused: the vendor said no for a reason retrying will not fix (an unknown product code, a line
 *    already terminated); it carries a French and an English reason a person reads in the deployment's
 *    or the bulk's report, and the activity fails without retry;
 *  - retryable: outage, timeout, throttling, a 5xx: the activity throws it and Temporal tries again.
 * A vendor's own code (`code`) is kept for the logs, never shown alone.
 */
export interface PortReason { fr: string; en: string }

export class PortRefusedError extends Error {
  readonly kind = 'refused' as const;
  constructor(readonly code: string, readonly reason: PortReason, readonly status?: number) {
    super(reason.en);
    this.name = 'PortRefusedError';
  }
}

export class PortRetryableError extends Error {
  readonly kind = 'retryable' as const;
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'PortRetryableError';
  }
}

export const refused = (code: string, fr: string, en: string, status?: number) => new PortRefusedError(code, { fr, en }, status);

export function isPortRefusal(error: unknown): error is PortRefusedError {
  return error instanceof PortRefusedError || (error as { kind?: string } | null)?.kind === 'refused';
}

export function isPortRetryable(error: unknown): error is PortRetryableError {
  return error instanceof PortRetryableError || (error as { kind?: string } | null)?.kind === 'retryable';
}
