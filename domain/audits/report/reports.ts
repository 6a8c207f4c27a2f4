import type { RequestContext } from '../../core/record-service';
import { appendHistoryAs } from '../../core/record-service';
import { ConflictError, ForbiddenError, StaleVersionError, UnprocessableError, ValidationError, versionMatches, type ExpectedVersion } from '../../errors';
import { orderFindings, reportEvidence } from './evidence';
import { followMission } from './mission-follow';
import { reportMessage as m } from './report.messages';
import type { ReportReview, ReportStatus, ReportUpdate, VersionSnapshot } from './report.schema';
import { missionOfReport, namesOf, reportOfMission, type MissionOfReport, type ReportRow } from './report-store';
import { nextStatus, refusalOf, type Refusal, type ReportAction, type ReportRole } from './review';

/**
 * The mission's report (issue 16, docs/adr/0038-audit-reports.md): read, write its sections, submit a
 * version (frozen), review it (comments per section; changes requested or approved), and the versions
 * kept. Every write goes through here; the API only validates and answers.
 */
type Row = Record<string, unknown>;
export const AUDIT_REPORT = 'audits.report';

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value ? String(value) : null);

function refuse(refusal: Refusal): never {
  switch (refusal.reason) {
    case 'frozen': throw new ConflictError(m('audits.report.frozen', { status: refusal.status }));
    case 'not-submittable': throw new ConflictError(m('audits.report.not-submittable', { status: refusal.status }));
    case 'not-in-review': throw new ConflictError(m('audits.report.not-in-review', { status: refusal.status }));
    case 'own-approval': throw new ConflictError(m('audits.report.own-approval'));
    case 'not-allowed': throw new ForbiddenError(m('audits.report.not-allowed', { action: refusal.action }));
  }
}

function check(ctx: RequestContext, action: ReportAction, role: ReportRole, report: ReportRow): void {
  const refusal = refusalOf(action, role, report.status, ctx.principal.userId, report.submittedBy);
  if (refusal) refuse(refusal);
}

async function commentsOf(ctx: RequestContext, reportId: string, versionNumber?: number): Promise<Row[]> {
  const q = ctx.trx('auditReportComments').where({ reportId }).orderBy([{ column: 'versionNumber' }, { column: 'createdAt' }, { column: 'id' }]);
  if (versionNumber !== undefined) q.where({ versionNumber });
  const rows = (await q.select('id', 'versionNumber', 'sectionKey', 'authorId', 'body', 'resolved', 'createdAt')) as Row[];
  const names = await namesOf(ctx, rows.map((r) => r.authorId as string | null));
  return rows.map((r) => ({
    id: r.id, versionNumber: Number(r.versionNumber), sectionKey: r.sectionKey, authorId: r.authorId ?? null,
    authorName: r.authorId ? names.get(String(r.authorId)) ?? null : null, body: r.body ?? '', resolved: !!r.resolved, createdAt: iso(r.createdAt),
  }));
}

async function view(ctx: RequestContext, report: ReportRow, role: ReportRole): Promise<Row> {
  const sections = (await ctx.trx('auditReportSections').where({ reportId: report.id }).orderBy(['position', 'key'])
    .select('id', 'key', 'position', 'title', 'body', 'origin', 'assistantDraft', 'version')) as Row[];
  const may = (action: ReportAction) => refusalOf(action, role, report.status, ctx.principal.userId, report.submittedBy) === null;
  return {
    id: report.id, missionId: report.missionId, status: report.status, currentVersion: report.currentVersion, version: report.version,
    template: report.templateSnapshot, submittedBy: report.submittedBy, submittedAt: iso(report.submittedAt), approvedBy: report.approvedBy, approvedAt: iso(report.approvedAt),
    sections: sections.map((s) => ({ id: s.id, key: s.key, position: Number(s.position), title: s.title, body: s.body ?? '', origin: s.origin, assistantDraft: !!s.assistantDraft, version: Number(s.version) })),
    comments: report.currentVersion ? await commentsOf(ctx, report.id, report.currentVersion) : [],
    can: { edit: may('edit'), submit: may('submit'), review: may('approve') || may('request-changes') },
  };
}

/** `GET …/report`: the report (made from the template the first time it is opened). */
export async function getReport(ctx: RequestContext, missionId: string): Promise<Row> {
  const { role } = await missionOfReport(ctx, missionId);
  return view(ctx, await reportOfMission(ctx, missionId), role);
}

/**
 * `PUT …/report`: the sections as the editor holds them (order = position; a section left out is
 * removed). A section whose text changed is a person's from now on (the assistant's draft flag drops),
 * unless the editor says the new text is the assistant's (`origin: 'assistant'`, a draft accepted).
 */
export async function updateReport(ctx: RequestContext, missionId: string, expected: ExpectedVersion, input: ReportUpdate): Promise<Row> {
  const { role } = await missionOfReport(ctx, missionId);
  const report = await reportOfMission(ctx, missionId, true);
  check(ctx, 'edit', role, report);
  if (!versionMatches(expected, report.version)) throw new StaleVersionError(await view(ctx, report, role));
  const seen = new Set<string>();
  for (const [index, section] of input.sections.entries()) {
    if (seen.has(section.key)) throw new ValidationError([{ field: `sections.${index}.key`, message: m('audits.report.duplicate-section', { key: section.key }) }]);
    seen.add(section.key);
  }
  const existing = new Map(((await ctx.trx('auditReportSections').where({ reportId: report.id }).select('id', 'key', 'position', 'title', 'body', 'origin', 'assistantDraft', 'version')) as Row[]).map((s) => [String(s.key), s]));
  const changed: string[] = [];
  for (const [position, section] of input.sections.entries()) {
    const before = existing.get(section.key);
    const fromAssistant = section.origin === 'assistant';
    if (!before) {
      await ctx.trx('auditReportSections').insert({
        tenantId: ctx.principal.tenantId, reportId: report.id, key: section.key, position, title: section.title, body: section.body,
        origin: fromAssistant ? 'assistant' : 'human', assistantDraft: fromAssistant, editedBy: ctx.principal.userId, createdBy: ctx.principal.userId,
      });
      changed.push(section.key);
      continue;
    }
    const textChanged = (before.body ?? '') !== section.body || before.title !== section.title;
    if (!textChanged && Number(before.position) === position && !(fromAssistant && !before.assistantDraft)) continue;
    const patch: Row = { position, title: section.title, body: section.body, version: Number(before.version) + 1 };
    if (textChanged || fromAssistant) {
      patch.editedBy = ctx.principal.userId;
      if (fromAssistant) Object.assign(patch, { origin: 'assistant', assistantDraft: true });
      else if (textChanged) patch.assistantDraft = false;
      changed.push(section.key);
    }
    await ctx.trx('auditReportSections').where({ id: before.id }).update(patch);
  }
  const removed = [...existing.keys()].filter((key) => !seen.has(key));
  if (removed.length) await ctx.trx('auditReportSections').where({ reportId: report.id }).whereIn('key', removed).delete();
  await ctx.trx('auditReports').where({ id: report.id }).update({ version: report.version + 1 });
  if (changed.length || removed.length) {
    await appendHistoryAs(ctx, { recordType: AUDIT_REPORT, recordId: report.id, action: 'update', changes: { sections: { before: null, after: { changed, removed } } } });
  }
  return view(ctx, await reportOfMission(ctx, missionId), role);
}

/** What a version freezes: the sections, and the mission's findings and inventory as they are now. */
export async function liveSnapshot(ctx: RequestContext, mission: MissionOfReport, reportId: string): Promise<VersionSnapshot> {
  const sections = (await ctx.trx('auditReportSections').where({ reportId }).orderBy(['position', 'key']).select('key', 'title', 'body', 'assistantDraft')) as Row[];
  const evidence = reportEvidence();
  return {
    mission: { number: mission.number, title: mission.title, accountName: mission.accountName, startsOn: mission.startsOn, endsOn: mission.endsOn },
    sections: sections.map((s) => ({ key: String(s.key), title: String(s.title), body: String(s.body ?? ''), assistantDraft: !!s.assistantDraft })),
    findings: orderFindings(await evidence.findings(ctx, mission.id)),
    inventory: await evidence.inventory(ctx, mission.id),
  };
}

async function move(ctx: RequestContext, report: ReportRow, to: ReportStatus, patch: Row, mission: MissionOfReport): Promise<void> {
  await ctx.trx('auditReports').where({ id: report.id }).update({ status: to, version: report.version + 1, ...patch });
  await appendHistoryAs(ctx, { recordType: AUDIT_REPORT, recordId: report.id, action: 'update', changes: { status: { before: report.status, after: to } } });
  await followMission(ctx, mission, to);
}

/** The comments on the previous version whose section has changed since are resolved: the auditor answered them. */
async function resolveAnswered(ctx: RequestContext, report: ReportRow, next: VersionSnapshot): Promise<void> {
  const previous = (await ctx.trx('auditReportVersions').where({ reportId: report.id, number: report.currentVersion }).first('snapshot')) as { snapshot: VersionSnapshot | null };
  const before = new Map((previous.snapshot?.sections ?? []).map((sec) => [sec.key, `${sec.title}\n${sec.body}`]));
  const changed = next.sections.filter((sec) => before.get(sec.key) !== `${sec.title}\n${sec.body}`).map((sec) => sec.key);
  if (changed.length) await ctx.trx('auditReportComments').where({ reportId: report.id, versionNumber: report.currentVersion, resolved: false }).whereIn('sectionKey', changed).update({ resolved: true });
}

/** `POST …/report/submit`: the next version frozen (sections, findings, inventory), the report in review and frozen. */
export async function submitReport(ctx: RequestContext, missionId: string): Promise<Row> {
  const { mission, role } = await missionOfReport(ctx, missionId);
  const report = await reportOfMission(ctx, missionId, true);
  check(ctx, 'submit', role, report);
  const number = report.currentVersion + 1;
  const now = new Date();
  const snapshot = await liveSnapshot(ctx, mission, report.id);
  await ctx.trx('auditReportVersions').insert({
    tenantId: ctx.principal.tenantId, reportId: report.id, number, snapshot, submittedBy: ctx.principal.userId, submittedAt: now, createdBy: ctx.principal.userId,
  });
  if (report.currentVersion) await resolveAnswered(ctx, report, snapshot);
  await move(ctx, report, nextStatus('submit'), { currentVersion: number, submittedBy: ctx.principal.userId, submittedAt: now, approvedBy: null, approvedAt: null }, mission);
  return view(ctx, await reportOfMission(ctx, missionId), role);
}

/** `POST …/report/review`: the lead's comments on the version under review, and the decision (changes need at least one comment). */
export async function reviewReport(ctx: RequestContext, missionId: string, input: ReportReview): Promise<Row> {
  const { mission, role } = await missionOfReport(ctx, missionId);
  const report = await reportOfMission(ctx, missionId, true);
  const action = input.decision === 'approve' ? 'approve' : 'request-changes';
  check(ctx, action, role, report);
  if (action === 'request-changes' && !input.comments.length) throw new UnprocessableError(m('audits.report.comment-needed'));
  const versionRow = (await ctx.trx('auditReportVersions').where({ reportId: report.id, number: report.currentVersion }).first('snapshot')) as Row;
  const keys = new Set(((versionRow.snapshot as VersionSnapshot | null)?.sections ?? []).map((s) => s.key));
  input.comments.forEach((c, index) => {
    if (!keys.has(c.sectionKey)) throw new ValidationError([{ field: `comments.${index}.sectionKey`, message: m('audits.report.unknown-section', { key: c.sectionKey }) }]);
  });
  if (input.comments.length) {
    await ctx.trx('auditReportComments').insert(input.comments.map((c) => ({
      tenantId: ctx.principal.tenantId, reportId: report.id, versionNumber: report.currentVersion, sectionKey: c.sectionKey, authorId: ctx.principal.userId, body: c.body, createdBy: ctx.principal.userId,
    })));
  }
  const now = new Date();
  const decision = action === 'approve' ? 'approved' : 'changes_requested';
  await ctx.trx('auditReportVersions').where({ reportId: report.id, number: report.currentVersion }).update({ decision, decidedBy: ctx.principal.userId, decidedAt: now });
  await move(ctx, report, nextStatus(action), action === 'approve' ? { approvedBy: ctx.principal.userId, approvedAt: now } : {}, mission);
  return view(ctx, await reportOfMission(ctx, missionId), role);
}

/** `GET …/report/versions`: every submitted version, newest first, with who submitted and decided, and the comments made on it. */
export async function reportVersions(ctx: RequestContext, missionId: string): Promise<Row[]> {
  await missionOfReport(ctx, missionId);
  const report = await reportOfMission(ctx, missionId);
  const rows = (await ctx.trx('auditReportVersions').where({ reportId: report.id }).orderBy('number', 'desc')
    .select('number', 'submittedBy', 'submittedAt', 'decision', 'decidedBy', 'decidedAt')) as Row[];
  const names = await namesOf(ctx, rows.map((r) => r.submittedBy as string | null));
  const comments = await commentsOf(ctx, report.id);
  return rows.map((r) => ({
    number: Number(r.number), submittedBy: r.submittedBy ?? null, submittedByName: r.submittedBy ? names.get(String(r.submittedBy)) ?? null : null, submittedAt: iso(r.submittedAt),
    decision: r.decision ?? null, decidedBy: r.decidedBy ?? null, decidedAt: iso(r.decidedAt), comments: comments.filter((c) => c.versionNumber === Number(r.number)),
  }));
}
