import crypto from 'node:crypto';
import {
  AlumniNetworkError, type AlumniNetworkPort, type AlumnusIdentityPush, type MemberChanges, type NetworkCareer, type NetworkIdentity, type NetworkMember,
} from './alumni-network.port';

/**
 * The sandbox alumni network: a stand-in for Alumnet with a state of its own, so a school can try the sync
 * (the demo, a newcomer) without a vendor. Its members live in a store the caller gives (a table per
 * organisation in the platform, a map in a unit test); `settings.outage` makes it answer as a vendor that is
 * away, to see what a failed run looks like.
 */
export interface SandboxMember {
  memberId: string;
  externalRef: string | null;
  identity: NetworkIdentity;
  career: NetworkCareer;
  professionalEmail: string | null;
  professionalPhone: string | null;
  updatedAt: string;
}

export interface SandboxMemberStore {
  changedSince(since: string | null): Promise<SandboxMember[]>;
  byExternalRef(externalRef: string): Promise<SandboxMember | null>;
  save(member: SandboxMember): Promise<void>;
  removeByExternalRef(externalRef: string): Promise<void>;
  now(): Promise<string>;
}

export interface SandboxSettings {
  /** Answer every call as a vendor that is away (`unavailable`). */
  outage?: boolean;
}

export function createSandboxAlumniNetwork(store: SandboxMemberStore, settings: SandboxSettings = {}): AlumniNetworkPort {
  const reachable = () => {
    if (settings.outage) throw new AlumniNetworkError('unavailable', 'The sandbox alumni network is set to be unavailable.', 503);
  };
  return {
    provider: 'sandbox',
    async whoAmI() {
      reachable();
      return { organisation: 'Alumnet (bac à sable)' };
    },
    async changesSince(since: string | null): Promise<MemberChanges> {
      reachable();
      const asOf = await store.now();
      const members: NetworkMember[] = (await store.changedSince(since)).map((m) => ({
        memberId: m.memberId, externalRef: m.externalRef, identity: m.identity, career: m.career, updatedAt: m.updatedAt,
      }));
      return { members, asOf };
    },
    async pushIdentity(push: AlumnusIdentityPush) {
      reachable();
      const existing = await store.byExternalRef(push.externalRef);
      const identity: NetworkIdentity = { lastName: push.lastName, firstName: push.firstName, promotion: push.promotion, cursus: push.cursus };
      const member: SandboxMember = {
        memberId: existing?.memberId ?? `sbx_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`,
        externalRef: push.externalRef,
        identity,
        career: existing?.career ?? { employer: null, jobTitle: null, city: null, since: null },
        professionalEmail: push.professionalEmail,
        professionalPhone: push.professionalPhone,
        // A write the school made is not a change for the school to read back: its clock stays.
        updatedAt: existing?.updatedAt ?? (await store.now()),
      };
      await store.save(member);
      return { externalRef: push.externalRef, memberId: member.memberId, created: !existing };
    },
    async forgetMember(externalRef: string) {
      reachable();
      await store.removeByExternalRef(externalRef);
    },
  };
}

/** A store in memory (unit tests). */
export function memorySandboxStore(initial: SandboxMember[] = [], clock: () => string = () => new Date().toISOString()): SandboxMemberStore & { members: Map<string, SandboxMember> } {
  const members = new Map(initial.map((m) => [m.memberId, m]));
  return {
    members,
    changedSince: async (since) => [...members.values()].filter((m) => !since || m.updatedAt > since),
    byExternalRef: async (ref) => [...members.values()].find((m) => m.externalRef === ref) ?? null,
    save: async (m) => { members.set(m.memberId, m); },
    removeByExternalRef: async (ref) => { for (const [id, m] of members) if (m.externalRef === ref) members.delete(id); },
    now: async () => clock(),
  };
}
