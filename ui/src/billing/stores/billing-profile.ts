import { defineStore } from 'pinia';
import { billingApi, type BillingProfile } from '@/billing/billing.api';
import { parseProfileInput, PROFILE_INPUT_KEYS, profileFieldOf, toProfileInput, type ProfileField } from '@/billing/settings/profile-fields';
import { i18n } from '@/plugins/i18n';
import { useRecordEditor } from '@/shared/record-editor';
import { DEFAULT_TIME_ZONE } from '@/shared/time-zone';
import { createDraftStorage } from '@/stores/draft-storage';
import { useSessionStore } from '@/stores/session';

/** The profile as the record editor keeps it (one record per organisation, `id` 'profile'). */
export type ProfileRecord = BillingProfile & { id: string };
export const PROFILE_ID = 'profile';

const drafts = createDraftStorage('relais.billing-profile-draft.');

/**
 * The organisation's legal profile, edited inline with autosave: the shared record editor, each
 * change sent as the whole profile (PUT, If-Match: a colleague's save in between is a conflict),
 * what is still missing before issuing recomputed by the server on each answer.
 */
export const useBillingProfileStore = defineStore('billing-profile', () => {
  const session = useSessionStore();
  const zone = () => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE;
  const withId = (profile: BillingProfile): ProfileRecord => ({ ...profile, id: PROFILE_ID });

  const editor = useRecordEditor<ProfileRecord, ProfileField>({
    drafts,
    fieldOf: (_target, key) => profileFieldOf(key),
    toInput: (_target, field, record) => toProfileInput(field, (record as unknown as Record<string, unknown>)[field.key], zone()),
    parseInput: (_target, field, text) => parseProfileInput(field, text, zone()),
    parseError: (error) => i18n.global.t(`billing.parse.${error}`),
    get: async () => withId(await billingApi.profile.get()),
    update: async (target, _id, patch, baseVersion) => {
      const current = target.record as unknown as Record<string, unknown>;
      const whole = Object.fromEntries(PROFILE_INPUT_KEYS.map((key) => [key, key in patch ? patch[key] : current[key]]));
      return withId(await billingApi.profile.update(whole, baseVersion));
    },
    stored: () => {},
    refreshHistory: async () => {},
    invalidMessage: (_target, e) => (e.fieldProblems.length ? i18n.global.t('save.invalid') : null),
  });

  return {
    ...editor.common,
    entry: () => editor.entry(PROFILE_ID, {}),
    open: () => editor.open(PROFILE_ID, {}),
  };
});
