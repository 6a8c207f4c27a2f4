import type { NetworkMember } from '../../integrations/alumni-network/alumni-network.port';
import { employerKey, identityPush, matchEmployer, planPull, planPush, pushHash, type LocalAlumnus } from './alumni-sync-rules';

const alumnus = (over: Partial<LocalAlumnus> = {}): LocalAlumnus => ({
  studentId: 's1',
  identity: { lastName: 'Durand', firstName: 'Jean-Marc', promotion: 2015, cursus: 'MSc Finance' },
  professionalEmail: 'jm.durand@bnpparibas.com', professionalPhone: '+33612345678', consented: true,
  link: { memberId: 'm1', pushedHash: null, lastPulledAt: '2026-11-01T00:00:00.000Z' },
  career: null,
  ...over,
});

const member = (over: Partial<NetworkMember> = {}): NetworkMember => ({
  memberId: 'm1', externalRef: 's1',
  identity: { lastName: 'Durand', firstName: 'Jean-Marc', promotion: 2015, cursus: 'MSc Finance' },
  career: { employer: 'BNP Paribas', jobTitle: 'Analyste crédit', city: 'Paris', since: '2023-09-01' },
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});

const career = { id: 'c1', employerName: 'BNP Paribas', jobTitle: 'Analyste crédit', city: 'Paris', startedOn: '2023-09-01', source: 'alumnet' as const, updatedAt: '2026-10-01T00:00:00.000Z' };
const plan = (m: NetworkMember[], locals: LocalAlumnus[], links: Array<[string, string]> = []) => planPull(m, new Map(locals.map((a) => [a.studentId, a])), new Map(links));

describe('alumni sync rules', () => {
  it('a first job from Alumnet is taken (Alumnet wins on career data)', () => {
    const p = plan([member()], [alumnus()]);
    expect(p.careers).toEqual([{ kind: 'start', studentId: 's1', memberId: 'm1', career: member().career, endsCareerId: null }]);
    expect(p.conflicts).toEqual([]);
  });

  it.each([
    ['the same job, a new city: updated in place', { city: 'Lyon' }, 'update'],
    ['a new employer: the old job ends, a new one starts', { employer: 'Société Générale' }, 'start'],
    ['a new title at the same employer: a new job', { jobTitle: 'Responsable crédit' }, 'start'],
  ] as const)('%s', (_label, change, kind) => {
    const p = plan([member({ career: { ...member().career, ...change } })], [alumnus({ career })]);
    expect(p.careers).toHaveLength(1);
    expect(p.careers[0]!.kind).toBe(kind);
    if (kind === 'start') expect(p.careers[0]).toEqual(expect.objectContaining({ endsCareerId: 'c1' }));
  });

  it('a job the school typed since the last pull loses to Alumnet, counted as a conflict naming fields, not values', () => {
    const typed = { ...career, employerName: 'Crédit Agricole', source: 'school' as const, updatedAt: '2026-11-20T00:00:00.000Z' };
    const p = plan([member()], [alumnus({ career: typed })]);
    expect(p.careers[0]).toEqual(expect.objectContaining({ kind: 'start', endsCareerId: 'c1' }));
    expect(p.conflicts).toEqual([{ studentId: 's1', memberId: 'm1', about: 'career', fields: ['employer'], winner: 'alumnet' }]);
  });

  it('nothing changes when Alumnet says the same, spelt otherwise, or knows no job', () => {
    expect(plan([member({ career: { employer: 'BNP PARIBAS SA', jobTitle: 'analyste crédit', city: 'PARIS', since: '2023-09-01' } })], [alumnus({ career })]).careers).toEqual([]);
    expect(plan([member({ career: { employer: null, jobTitle: null, city: null, since: null } })], [alumnus({ career })]).careers).toEqual([]);
  });

  it('the registry wins on identity: Alumnet\'s other name is a conflict the school pushes back (consenting alumni only)', () => {
    const other = member({ identity: { lastName: 'Durant', firstName: 'Jean-Marc', promotion: 2016, cursus: 'MSc Finance' } });
    const p = plan([other], [alumnus()]);
    expect(p.conflicts).toEqual([{ studentId: 's1', memberId: 'm1', about: 'identity', fields: ['lastName', 'promotion'], winner: 'school' }]);
    expect(p.repush).toEqual(['s1']);
    expect(plan([other], [alumnus({ consented: false })]).repush).toEqual([]);
  });

  it('a member is matched by our reference or its link, never by name', () => {
    const p = plan([member({ externalRef: null, memberId: 'm9' }), member({ externalRef: 'unknown', memberId: 'm8' }), member({ externalRef: null, memberId: 'm1' })], [alumnus()], [['m1', 's1']]);
    expect(p.unmatched).toBe(2);
    expect(p.careers).toHaveLength(1);
    expect(p.links).toEqual([]);
    expect(plan([member({ memberId: 'm2' })], [alumnus()]).links).toEqual([{ studentId: 's1', memberId: 'm2' }]);
  });

  it('only consenting alumni are pushed, never with a NIR, and only when their identity changed', () => {
    expect(identityPush(alumnus({ consented: false }))).toBeNull();
    const push = identityPush(alumnus())!;
    expect(Object.keys(push).sort()).toEqual(['cursus', 'externalRef', 'firstName', 'lastName', 'professionalEmail', 'professionalPhone', 'promotion']);
    const pushed = alumnus({ studentId: 's2', link: { memberId: 'm2', pushedHash: pushHash({ ...push, externalRef: 's2' }), lastPulledAt: null } });
    const planned = planPush([alumnus(), alumnus({ studentId: 's3', consented: false }), pushed], []);
    expect(planned.map((p) => p.push.externalRef)).toEqual(['s1']);
    expect(planPush([pushed], ['s2']).map((p) => p.push.externalRef)).toEqual(['s2']);
  });

  it('an employer is a known company when exactly one has its name, legal form aside', () => {
    const accounts = [{ id: 'a1', name: 'BNP Paribas SA' }, { id: 'a2', name: 'Capgemini' }, { id: 'a3', name: 'Capgemini SE' }];
    expect(employerKey('Société Générale S.A.')).toBe('societe generale s a');
    expect(matchEmployer('bnp paribas', accounts)).toBe('a1');
    expect(matchEmployer('Capgemini', accounts)).toBeNull();
    expect(matchEmployer('Décathlon', accounts)).toBeNull();
  });
});
