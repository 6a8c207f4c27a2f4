import { request } from '@/api/client';
import { toBody } from './sync/kinds';
import type { CaptureTransport, MissionSnapshot, ServerRow } from './sync/types';

/** The capture area's API (`/audits/missions/{id}/<kind>`) as the sync engine reaches it. */
const base = (missionId: string) => `/audits/missions/${missionId}`;

export const captureTransport: CaptureTransport = {
  async create(kind, missionId, id, fields, file) {
    if (kind === 'uploads') {
      const form = new FormData();
      form.set('id', id);
      if (fields.siteId) form.set('siteId', String(fields.siteId));
      if (fields.caption) form.set('caption', String(fields.caption));
      if (file) form.set('file', new Blob([file.bytes], { type: file.type }), file.name);
      return request<ServerRow>('POST', `${base(missionId)}/uploads`, { body: form });
    }
    return request<ServerRow>('POST', `${base(missionId)}/${kind}`, { body: toBody(kind, fields, id) });
  },
  update: (kind, missionId, id, fields, version) => request<ServerRow>('PATCH', `${base(missionId)}/${kind}/${id}`, { body: toBody(kind, fields), ifMatch: version }),
  remove: (kind, missionId, id) => request<void>('DELETE', `${base(missionId)}/${kind}/${id}`),
  async detail(kind, missionId, id) {
    // An upload's detail is its bytes: its list row is all there is to show.
    if (kind === 'uploads') return (await captureTransport.list(kind, missionId)).find((r) => r.id === id)!;
    return request<ServerRow>('GET', `${base(missionId)}/${kind}/${id}`);
  },
  list: async (kind, missionId) => (await request<{ items: ServerRow[] }>('GET', `${base(missionId)}/${kind}`)).items,
};

interface MissionAnswer {
  id: string;
  number?: number;
  title: string;
  accountName?: string;
  status?: string;
  sites?: { siteId: string; siteName: string; city: string | null }[];
}

/** The mission and its sites, as the tablet keeps them to work offline. */
export async function fetchMissionSnapshot(missionId: string): Promise<MissionSnapshot> {
  const mission = await request<MissionAnswer>('GET', base(missionId));
  const sites = mission.sites ?? (await request<{ items: NonNullable<MissionAnswer['sites']> }>('GET', `${base(missionId)}/sites`)).items;
  return {
    id: mission.id, number: mission.number, title: mission.title, accountName: mission.accountName, status: mission.status,
    sites: sites.map((s) => ({ siteId: s.siteId, siteName: s.siteName, city: s.city ?? null })),
  };
}

/** An upload's bytes, from the server (a photo taken on another tablet). */
export function fetchUpload(missionId: string, id: string): Promise<Blob> {
  return request<Blob>('GET', `${base(missionId)}/uploads/${id}`, { responseType: 'blob', accept: '*/*' });
}
