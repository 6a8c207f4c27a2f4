import { replicationView } from './documents-replication';

describe('the documents replication\'s lag as shown', () => {
  const row = { location: 'dir:/mnt/srvcrm2/documents', lastRunAt: '2026-12-04T10:00:00Z', lastSuccessAt: '2026-12-04T09:59:00Z', files: '12', bytes: '2048', pendingFiles: 0, pendingBytes: '0', oldestPendingAt: null, error: null };

  it('is 0 when nothing is pending, whatever the time since the last run', () => {
    expect(replicationView(row, new Date('2026-12-04T12:00:00Z'))).toMatchObject({ lagSeconds: 0, files: 12, bytes: 2048, pendingFiles: 0 });
  });

  it('is the age of the oldest change not yet on the replica, growing while it waits', () => {
    const behind = { ...row, pendingFiles: 2, pendingBytes: '300', oldestPendingAt: '2026-12-04T09:59:30Z', error: 'dir:/mnt/srvcrm2/documents is out of reach (not mounted?)' };
    expect(replicationView(behind, new Date('2026-12-04T10:00:00Z'))).toMatchObject({ lagSeconds: 30, pendingFiles: 2, pendingBytes: 300, error: expect.stringContaining('out of reach') });
    expect(replicationView(behind, new Date('2026-12-04T10:05:00.250Z')).lagSeconds).toBe(330.3);
  });
});
