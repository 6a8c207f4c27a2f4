import { startLoopbackAlumnet, LOOPBACK_ALUMNET_KEY, type LoopbackAlumnet } from '../../test/support/loopback-alumnet';
import { isAlumniNetworkError, type AlumniNetworkError } from './alumni-network.port';
import { createAlumnetAdapter } from './alumnet.adapter';
import { createSandboxAlumniNetwork, memorySandboxStore } from './sandbox.adapter';

const noWait = async () => undefined;

async function failure(promise: Promise<unknown>): Promise<AlumniNetworkError> {
  try {
    await promise;
  } catch (error) {
    if (isAlumniNetworkError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the Alumnet adapter (loopback Alumnet)', () => {
  let alumnet: LoopbackAlumnet;
  beforeAll(async () => { alumnet = await startLoopbackAlumnet(); });
  afterAll(() => alumnet.close());
  beforeEach(() => { alumnet.mode = 'up'; alumnet.members.clear(); alumnet.requests.length = 0; });

  const adapter = (apiKey = LOOPBACK_ALUMNET_KEY) => createAlumnetAdapter({ baseUrl: alumnet.url, apiKey, sleep: noWait });

  it('reads every page of the members changed since a date, with their career', async () => {
    for (let i = 0; i < 230; i += 1) {
      alumnet.change({ id: `mbr_${i}`, external_ref: null, first_name: 'Léa', last_name: `Martin${i}`, graduation_year: 2019, program: 'Programme Grande École',
        current_position: { company: 'BNP Paribas', title: 'Analyste crédit', city: 'Paris', start_date: '2023-09-01' } });
    }
    const { members, asOf } = await adapter().changesSince(null);
    expect(members).toHaveLength(230);
    expect(members[0]).toEqual(expect.objectContaining({ memberId: 'mbr_0', career: { employer: 'BNP Paribas', jobTitle: 'Analyste crédit', city: 'Paris', since: '2023-09-01' } }));
    expect(alumnet.calls('GET', '/v1/members')).toHaveLength(3);
    expect(alumnet.requests[0]!.headers['x-api-key']).toBe(LOOPBACK_ALUMNET_KEY);
    const later = await adapter().changesSince(asOf);
    expect(later.members).toHaveLength(0);
    expect(alumnet.calls('GET', '/v1/members').at(-1)!.query.get('updated_since')).toBe(asOf);
  });

  it('upserts a member by our reference: pushed twice, one member', async () => {
    const push = { externalRef: 'c0a8012e-0000-4000-8000-000000000001', lastName: 'Durand', firstName: 'Jean-Marc', promotion: 2015, cursus: 'MSc Finance', professionalEmail: null, professionalPhone: null };
    const first = await adapter().pushIdentity(push);
    const second = await adapter().pushIdentity({ ...push, lastName: 'Durand-Leroy' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ externalRef: push.externalRef, memberId: first.memberId, created: false });
    expect(alumnet.members.size).toBe(1);
  });

  it('says an outage after its retries, a refused key and a changed shape, each as its own typed error', async () => {
    alumnet.mode = 'down';
    expect((await failure(adapter().changesSince(null))).code).toBe('unavailable');
    expect(alumnet.calls('GET', '/v1/members')).toHaveLength(4);
    alumnet.mode = 'up';
    expect((await failure(adapter('wrong-key').whoAmI())).code).toBe('misconfigured');
    alumnet.change({ id: 'mbr_x', external_ref: null, first_name: 'Paul', last_name: 'Petit', graduation_year: 2010, program: null, current_position: null });
    alumnet.mode = 'changed-shape';
    // `current_position` renamed: the whole page is refused, nothing half read.
    alumnet.change({ id: 'mbr_y', external_ref: null, first_name: 'Zoé', last_name: 'Roux', graduation_year: 2011, program: null, current_position: null });
    const changed = await failure(adapter().changesSince(null));
    expect(changed.code).toBe('unexpected-response');
    expect(changed.message).toContain('current_position');
    expect(changed.message).not.toContain('Roux');
  });

  it('the sandbox keeps its members and can play an outage', async () => {
    const store = memorySandboxStore();
    const sandbox = createSandboxAlumniNetwork(store);
    const pushed = await sandbox.pushIdentity({ externalRef: 'ref-1', lastName: 'Morel', firstName: 'Inès', promotion: 2018, cursus: null, professionalEmail: null, professionalPhone: null });
    expect(store.members.get(pushed.memberId)?.identity.lastName).toBe('Morel');
    expect((await failure(createSandboxAlumniNetwork(store, { outage: true }).changesSince(null))).code).toBe('unavailable');
  });
});
