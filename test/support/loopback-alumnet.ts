import { startLoopbackVendor, type LoopbackVendor, type ReceivedRequest, type VendorReply } from './loopback-vendor';

/**
 * A loopback Alumnet (docs/integrations/alumnet.md) with members of its own: `X-Api-Key` checked, members read
 * by `updated_since` in pages (`limit`, an opaque `cursor`), a member written by
 * `PUT /v1/members/external/{ref}`. `mode` makes it go down (503 on everything) or answer in a changed shape
 * (the members' `current_position` renamed `position`), as a vendor might on go-live day.
 */
export interface LoopbackMember {
  id: string;
  external_ref: string | null;
  first_name: string;
  last_name: string;
  graduation_year: number | null;
  program: string | null;
  current_position: { company: string | null; title: string | null; city: string | null; start_date: string | null } | null;
  professional_email?: string | null;
  professional_phone?: string | null;
  updated_at: string;
}

export interface LoopbackAlumnet extends LoopbackVendor {
  members: Map<string, LoopbackMember>;
  mode: 'up' | 'down' | 'changed-shape';
  /** A member changed at Alumnet now (its `updated_at` moves on). */
  change(member: Omit<LoopbackMember, 'updated_at'>): LoopbackMember;
}

export const LOOPBACK_ALUMNET_KEY = 'alumnet-test-key-0123456789';

export async function startLoopbackAlumnet(apiKey = LOOPBACK_ALUMNET_KEY): Promise<LoopbackAlumnet> {
  const members = new Map<string, LoopbackMember>();
  let clock = Date.parse('2026-12-01T08:00:00Z');
  const tick = () => new Date((clock += 1000)).toISOString();
  let sequence = 0;
  const state = { mode: 'up' as LoopbackAlumnet['mode'] };

  function handle(req: ReceivedRequest): VendorReply {
    if (state.mode === 'down') return { status: 503, body: { error: { code: 'maintenance', message: 'Service en maintenance' } } };
    if (req.headers['x-api-key'] !== apiKey) return { status: 401, body: { error: { code: 'unauthorized', message: 'Invalid API key' } } };
    if (req.method === 'GET' && req.path === '/v1/me') return { status: 200, body: { organisation: { id: 'org_acme', name: 'ACME School' } } };
    if (req.method === 'GET' && req.path === '/v1/members') {
      const since = req.query.get('updated_since');
      const limit = Number(req.query.get('limit') ?? 100);
      const offset = Number(req.query.get('cursor') ?? 0);
      const changed = [...members.values()].filter((m) => !since || m.updated_at > since).sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id));
      const page = changed.slice(offset, offset + limit).map(({ professional_email: _e, professional_phone: _p, ...m }) => m);
      const data = state.mode === 'changed-shape' ? page.map(({ current_position, ...m }) => ({ ...m, position: current_position })) : page;
      return { status: 200, body: { data, paging: { next_cursor: offset + limit < changed.length ? String(offset + limit) : null }, server_time: new Date(clock).toISOString() } };
    }
    const put = /^\/v1\/members\/external\/([^/]+)$/.exec(req.path);
    if (req.method === 'DELETE' && put) {
      const found = [...members.values()].find((m) => m.external_ref === decodeURIComponent(put[1]!));
      if (!found) return { status: 404, body: { error: { code: 'not_found', message: 'No such member' } } };
      members.delete(found.id);
      return { status: 204 };
    }
    if (req.method === 'PUT' && put) {
      const ref = decodeURIComponent(put[1]!);
      const body = req.json ?? {};
      const existing = [...members.values()].find((m) => m.external_ref === ref);
      const member: LoopbackMember = {
        id: existing?.id ?? `mbr_${String(++sequence).padStart(6, '0')}`, external_ref: ref,
        first_name: String(body.first_name), last_name: String(body.last_name), graduation_year: (body.graduation_year as number | null) ?? null,
        program: (body.program as string | null) ?? null, current_position: existing?.current_position ?? null,
        professional_email: (body.professional_email as string | null) ?? null, professional_phone: (body.professional_phone as string | null) ?? null,
        updated_at: existing?.updated_at ?? tick(),
      };
      members.set(member.id, member);
      return { status: existing ? 200 : 201, body: { id: member.id, external_ref: ref, updated_at: member.updated_at } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'No such route' } } };
  }

  const vendor = await startLoopbackVendor(handle);
  const alumnet = Object.assign(vendor, {
    members,
    mode: state.mode,
    change(member: Omit<LoopbackMember, 'updated_at'>) {
      const changed = { ...member, updated_at: tick() };
      members.set(changed.id, changed);
      return changed;
    },
  });
  // The handler reads the mode the test sets.
  Object.defineProperty(alumnet, 'mode', { get: () => state.mode, set: (value: LoopbackAlumnet['mode']) => { state.mode = value; } });
  return alumnet;
}
