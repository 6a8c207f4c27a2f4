import { modulesOf, personalDataDeclarations, recordKinds } from '../modules/registry';
import { subjectKinds, subjectPlan, type DeclaredModule, type SubjectPlan } from './subject-locator';
import type { ParsedDataSubject } from './subjects.schema';

/**
 * The data subjects of an organisation (ADR 0023): the kinds its modules declare (the core's contacts,
 * accounts and users; a vertical's own people) and, per kind, the links over its modules only — Epic
 * Events' tables are never searched for an MSP's contact.
 */
let recordTypes: Map<string, string> | undefined;

/** Table → record type, over every record kind (the history and messages name records by type and id). */
export function recordTypesByTable(): ReadonlyMap<string, string> {
  recordTypes ??= new Map(recordKinds().map((k) => [k.resource.table, k.resource.recordType]));
  return recordTypes;
}

/** The declarations of the modules an organisation with these verticals has (every module when `verticals` is undefined). */
export function declaredModules(verticals?: readonly string[]): DeclaredModule[] {
  const keys = verticals ? new Set(modulesOf(verticals).map((m) => m.key)) : undefined;
  return personalDataDeclarations().filter((d) => !keys || keys.has(d.module)).map((d) => ({ module: d.module, declaration: d.declaration }));
}

export function organisationSubjects(verticals: readonly string[]): ParsedDataSubject[] {
  return subjectKinds(declaredModules(verticals)).map((s) => s.subject);
}

export function organisationSubjectPlan(kind: string, verticals: readonly string[]): SubjectPlan | undefined {
  return subjectPlan(kind, declaredModules(verticals), recordTypesByTable());
}
