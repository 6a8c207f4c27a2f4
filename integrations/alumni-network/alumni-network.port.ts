/**
 * The alumni network port (issue 18, spec 004 constraint 9 « Connexion à la plateforme Alumnet »): the school's
 * alumni kept in step with its alumni network, both ways, in business terms:
 *  - read the members whose career changed since a point in time (employer, job title, city of work, since
 *    when), each with the network's stable member id and the reference the school gave it (our student id);
 *  - push the school's identity of its alumni (names, promotion, cursus, and the professional e-mail and phone
 *    only of alumni who agreed to share them). The social security number (NIR) has no field here: it is never sent.
 *
 * An adapter throws `AlumniNetworkError` for what went wrong (the network away, our key refused, an answer of
 * an unexpected shape); it never answers a partial page: a page of one malformed member is refused whole.
 */
export type AlumniNetworkProvider = 'sandbox' | 'alumnet';

/** An alumnus's current job as the network knows it. */
export interface NetworkCareer {
  employer: string | null;
  jobTitle: string | null;
  /** The city of work. */
  city: string | null;
  /** When the job started (`YYYY-MM-DD`), when known. */
  since: string | null;
}

/** The identity the network holds for a member (the school's registry wins on it: it is only compared). */
export interface NetworkIdentity {
  lastName: string;
  firstName: string;
  promotion: number | null;
  cursus: string | null;
}

/** One member changed since the point asked. */
export interface NetworkMember {
  /** The network's stable id of the member. */
  memberId: string;
  /** What the school gave as its reference when it pushed the member (the student's id); null for a member the school never pushed. */
  externalRef: string | null;
  identity: NetworkIdentity;
  career: NetworkCareer;
  /** When the member last changed at the network (ISO 8601). */
  updatedAt: string;
}

export interface MemberChanges {
  members: NetworkMember[];
  /** The network's clock when it answered: the point to ask from next time (ISO 8601). */
  asOf: string;
}

/** What the school shares of one alumnus (never the NIR; contact details only with the alumnus's consent). */
export interface AlumnusIdentityPush extends NetworkIdentity {
  /** Our student id: the network keys the member on it, so pushing twice updates one member. */
  externalRef: string;
  professionalEmail: string | null;
  professionalPhone: string | null;
}

export interface PushedMember {
  externalRef: string;
  memberId: string;
  created: boolean;
}

export interface AlumniNetworkPort {
  readonly provider: AlumniNetworkProvider;
  /** Who we are connected as (the « tester la connexion » button). */
  whoAmI(): Promise<{ organisation: string }>;
  /** Every member changed strictly after `since` (null: all), every page read and checked before answering. */
  changesSince(since: string | null): Promise<MemberChanges>;
  /** Creates or updates the member of `externalRef` with the school's identity (idempotent per member). */
  pushIdentity(identity: AlumnusIdentityPush): Promise<PushedMember>;
  /** Asks the network to delete the member the school pushed (the alumnus withdrew their consent); done when already gone. */
  forgetMember(externalRef: string): Promise<void>;
}

/**
 * Why a call failed:
 *  - `unavailable`: outage, timeout, 5xx or throttling past the retries (the next run tries again);
 *  - `unexpected-response`: the answer is not of the documented shape (the vendor changed its API: spec risk 4);
 *  - `misconfigured`: our API key or address is refused (401/403/404 on the base URL);
 *  - `refused`: the network refused one request for a reason it gives (a 4xx on a member).
 */
export type AlumniNetworkErrorCode = 'unavailable' | 'unexpected-response' | 'misconfigured' | 'refused';

export class AlumniNetworkError extends Error {
  readonly kind = 'alumni-network' as const;
  constructor(readonly code: AlumniNetworkErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'AlumniNetworkError';
  }
}

export function isAlumniNetworkError(error: unknown): error is AlumniNetworkError {
  return error instanceof AlumniNetworkError || (error as { kind?: string } | null)?.kind === 'alumni-network';
}
