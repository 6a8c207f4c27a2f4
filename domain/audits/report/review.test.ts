import { missionStatusFor, nextStatus, refusalOf, reportRoleOf } from './review';

const LEAD = 'a0000000-0000-4000-8000-000000000001';
const AUDITOR = 'a0000000-0000-4000-8000-000000000002';
const OTHER = 'a0000000-0000-4000-8000-000000000003';
const mission = { leadId: LEAD, auditorIds: [AUDITOR] };

describe('audit report review', () => {
  it('places each role on a mission: leads review, assigned auditors write, administration reads, others see nothing', () => {
    expect(reportRoleOf({ userId: LEAD, roles: ['mission-lead'] }, mission)).toBe('reviewer');
    expect(reportRoleOf({ userId: OTHER, roles: ['mission-lead'] }, mission)).toBe('reviewer');
    expect(reportRoleOf({ userId: AUDITOR, roles: ['auditor'] }, mission)).toBe('writer');
    expect(reportRoleOf({ userId: OTHER, roles: ['auditor'] }, mission)).toBe('none');
    expect(reportRoleOf({ userId: OTHER, roles: ['administration'] }, mission)).toBe('reader');
    expect(reportRoleOf({ userId: OTHER, roles: ['candidate'] }, mission)).toBe('none');
  });

  it('runs the loop: draft → submitted (frozen) → changes requested (editable) → submitted → approved', () => {
    expect(refusalOf('edit', 'writer', 'draft', AUDITOR, null)).toBeNull();
    expect(refusalOf('submit', 'writer', 'draft', AUDITOR, null)).toBeNull();
    expect(nextStatus('submit')).toBe('in_review');
    expect(refusalOf('edit', 'writer', 'in_review', AUDITOR, AUDITOR)).toEqual({ reason: 'frozen', status: 'in_review' });
    expect(refusalOf('submit', 'writer', 'in_review', AUDITOR, AUDITOR)).toEqual({ reason: 'not-submittable', status: 'in_review' });
    expect(refusalOf('request-changes', 'reviewer', 'in_review', LEAD, AUDITOR)).toBeNull();
    expect(nextStatus('request-changes')).toBe('changes_requested');
    expect(refusalOf('edit', 'writer', 'changes_requested', AUDITOR, AUDITOR)).toBeNull();
    expect(refusalOf('approve', 'reviewer', 'in_review', LEAD, AUDITOR)).toBeNull();
    expect(nextStatus('approve')).toBe('approved');
    expect(refusalOf('edit', 'reviewer', 'approved', LEAD, AUDITOR)).toEqual({ reason: 'frozen', status: 'approved' });
    expect(refusalOf('edit', 'writer', 'delivered', AUDITOR, AUDITOR)).toEqual({ reason: 'frozen', status: 'delivered' });
  });

  it('keeps review to mission leads, on a submitted report, never approving one\'s own submission', () => {
    expect(refusalOf('approve', 'writer', 'in_review', AUDITOR, OTHER)).toEqual({ reason: 'not-allowed', action: 'approve' });
    expect(refusalOf('approve', 'reviewer', 'draft', LEAD, null)).toEqual({ reason: 'not-in-review', status: 'draft' });
    expect(refusalOf('approve', 'reviewer', 'in_review', LEAD, LEAD)).toEqual({ reason: 'own-approval' });
    expect(refusalOf('request-changes', 'reviewer', 'in_review', LEAD, LEAD)).toBeNull();
    expect(refusalOf('edit', 'reader', 'draft', OTHER, null)).toEqual({ reason: 'not-allowed', action: 'edit' });
  });

  it('moves the mission to Rédaction while written and Relecture while reviewed', () => {
    expect(missionStatusFor('in_review')).toBe('review');
    expect(missionStatusFor('changes_requested')).toBe('drafting');
    expect(missionStatusFor('approved')).toBeNull();
  });
});
