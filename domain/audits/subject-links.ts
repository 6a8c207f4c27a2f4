import type { SubjectLinks } from '../gdpr/subjects.schema';

/**
 * The vertical's links from a kind of person to its rows (ADR 0023), one part per area of the vertical,
 * merged here by kind: each area lists the links of its own tables in its `*.personal-data.ts`.
 */
export function mergedSubjectLinks(...parts: SubjectLinks[]): SubjectLinks {
  const merged: SubjectLinks = {};
  for (const part of parts) {
    for (const [kind, links] of Object.entries(part)) merged[kind] = [...(merged[kind] ?? []), ...links];
  }
  return merged;
}
