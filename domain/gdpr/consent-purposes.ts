import type { Locale } from '../i18n/messages';
import { modulesOf } from '../modules/registry';
import type { ConsentPurpose } from '../modules/vertical-module';
import type { SubjectKind } from './consent.schemas';

/**
 * The purposes people consent to, declared by the modules (`DomainModule.consentPurposes`: comms' marketing,
 * a vertical's newsletter): the core keeps the ledger, the modules say what it is about.
 */
export function purposesOf(verticals: readonly string[]): Array<ConsentPurpose & { module: string }> {
  return modulesOf(verticals).flatMap((m) => (m.consentPurposes ?? []).map((p) => ({ ...p, module: m.key })));
}

export function findPurpose(verticals: readonly string[], key: string): (ConsentPurpose & { module: string }) | undefined {
  return purposesOf(verticals).find((p) => p.key === key);
}

/** What the API answers of a purpose, in the reader's language. */
export function presentPurpose(p: ConsentPurpose & { module: string }, locale: Locale) {
  return {
    key: p.key, module: p.module, label: p.label[locale], description: p.description[locale], channels: p.channels,
    subjects: p.subjects, validity: p.validity ?? null, softOptIn: p.softOptIn ?? false,
  };
}

export function purposeAppliesTo(p: ConsentPurpose, kind: SubjectKind): boolean {
  return p.subjects.includes(kind);
}
