import type { z } from 'zod';
import { createVendorHttp, type VendorRequest } from '../vendor-http';
import { isPortRefusal, isPortRetryable } from '../port-errors';
import {
  AlumniNetworkError, type AlumniNetworkPort, type AlumnusIdentityPush, type MemberChanges, type NetworkMember, type PushedMember,
} from './alumni-network.port';
import {
  alumnetErrorOf, alumnetMe, alumnetMemberPutAnswer, alumnetMembersPage, shapeProblems, type AlumnetMember, type AlumnetMemberPut,
} from './alumnet.wire';

/**
 * The Alumnet adapter (docs/integrations/alumnet.md): REST/JSON over HTTPS, an API key in `X-Api-Key`, members
 * read by `updated_since` in pages of `PAGE_SIZE` (an opaque `cursor` for the next), a member written by
 * `PUT /v1/members/external/{our student id}` (an upsert: pushed twice, one member). Throttling (429 with
 * `Retry-After`) and 5xx are retried in place by the shared vendor transport, then `unavailable`.
 * Every answer is checked (alumnet.wire.ts) before it is used; nothing of a request or an answer is logged.
 */
export const PAGE_SIZE = 100;
/** A run never reads more than this many pages (a cursor that never ends is the vendor's bug, not a reason to loop). */
export const MAX_PAGES = 1000;

export interface AlumnetAdapterOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

function parsed<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new AlumniNetworkError('unexpected-response', `Alumnet answered ${what} in an unexpected shape (${shapeProblems(result.error)}).`);
  return result.data;
}

function memberOf(m: AlumnetMember): NetworkMember {
  const p = m.current_position;
  return {
    memberId: m.id,
    externalRef: m.external_ref,
    identity: { lastName: m.last_name, firstName: m.first_name, promotion: m.graduation_year, cursus: m.program },
    career: { employer: p?.company ?? null, jobTitle: p?.title ?? null, city: p?.city ?? null, since: p?.start_date ?? null },
    updatedAt: new Date(m.updated_at).toISOString(),
  };
}

export function createAlumnetAdapter(options: AlumnetAdapterOptions): AlumniNetworkPort {
  const http = createVendorHttp({
    vendor: 'Alumnet', baseUrl: options.baseUrl, headers: () => ({ 'X-Api-Key': options.apiKey }),
    timeoutMs: options.timeoutMs ?? 15_000, maxAttempts: options.maxAttempts ?? 4, maxWaitMs: 30_000, sleep: options.sleep, errorOf: alumnetErrorOf,
  });

  /** The shared transport's failures as this port's typed error. */
  async function call(request: VendorRequest, accept: readonly number[] = []) {
    try {
      return await http(request, accept);
    } catch (error) {
      if (isPortRetryable(error)) throw new AlumniNetworkError('unavailable', error.message, error.status);
      if (isPortRefusal(error)) {
        const misconfigured = error.code === 'misconfigured' || error.status === 401 || error.status === 403;
        throw new AlumniNetworkError(misconfigured ? 'misconfigured' : 'refused', `Alumnet refused (${error.status ?? '?'}, ${error.code}).`, error.status);
      }
      throw error;
    }
  }

  return {
    provider: 'alumnet',

    async whoAmI() {
      const me = parsed(alumnetMe, (await call({ method: 'GET', path: '/v1/me' })).body, 'who we are');
      return { organisation: me.organisation.name };
    },

    async changesSince(since: string | null): Promise<MemberChanges> {
      const members: NetworkMember[] = [];
      let cursor: string | null = null;
      let asOf: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query: Record<string, string> = { limit: String(PAGE_SIZE) };
        if (since) query.updated_since = since;
        if (cursor) query.cursor = cursor;
        const answer = parsed(alumnetMembersPage, (await call({ method: 'GET', path: '/v1/members', query })).body, 'the members changed');
        // The first page's clock: what changes while we page is read again next time rather than lost.
        asOf ??= new Date(answer.server_time).toISOString();
        members.push(...answer.data.map(memberOf));
        cursor = answer.paging.next_cursor;
        if (!cursor) return { members, asOf };
      }
      throw new AlumniNetworkError('unexpected-response', `Alumnet answered more than ${MAX_PAGES} pages of members.`);
    },

    async pushIdentity(identity: AlumnusIdentityPush): Promise<PushedMember> {
      const json: AlumnetMemberPut = {
        first_name: identity.firstName, last_name: identity.lastName, graduation_year: identity.promotion, program: identity.cursus,
        professional_email: identity.professionalEmail, professional_phone: identity.professionalPhone,
      };
      const { status, body } = await call({ method: 'PUT', path: `/v1/members/external/${encodeURIComponent(identity.externalRef)}`, json });
      const answer = parsed(alumnetMemberPutAnswer, body, 'a member written');
      if (answer.external_ref !== identity.externalRef) throw new AlumniNetworkError('unexpected-response', 'Alumnet answered a member written under another reference.');
      return { externalRef: identity.externalRef, memberId: answer.id, created: status === 201 };
    },

    async forgetMember(externalRef: string): Promise<void> {
      // 204 deleted, 404 already gone: both done.
      await call({ method: 'DELETE', path: `/v1/members/external/${encodeURIComponent(externalRef)}` }, [404]);
    },
  };
}
