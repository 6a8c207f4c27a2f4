import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ASSIGNMENT_PURPOSES } from '@/api/accounts.api';
import type { AccountDetails } from '@/stores/account-details';
import type { CreateField } from '@/shared/create-fields';

/**
 * The fields of the records created from an account's panel (contact, site, billing site)
 * and of a contact's assignment, with the account's own sites and billing sites as choices.
 */
export function useRelatedForms(details: Ref<AccountDetails | undefined>) {
  const { t } = useI18n();
  const field = (group: string, key: string, extra: Partial<CreateField> = {}): CreateField => ({ key, label: t(`records.${group}.fields.${key}`), ...extra });
  const siteItems = computed(() => (details.value?.sites ?? []).map((s) => ({ value: s.id, title: s.name })));
  const billingItems = computed(() => (details.value?.billingSites ?? []).map((b) => ({ value: b.id, title: b.name })));

  const contact = computed<CreateField[]>(() => [
    field('contact', 'firstName', { half: true }),
    field('contact', 'lastName', { half: true, required: true }),
    field('contact', 'jobTitle'),
    field('contact', 'email', { type: 'email' }),
    field('contact', 'phone', { type: 'tel', half: true }),
    field('contact', 'mobile', { type: 'tel', half: true }),
  ]);

  const site = computed<CreateField[]>(() => [
    field('site', 'name', { required: true }),
    ...(billingItems.value.length ? [field('site', 'billingSiteId', { control: 'select', items: billingItems.value, initial: billingItems.value.length === 1 ? billingItems.value[0].value : '' })] : []),
    field('site', 'addressLine1'),
    field('site', 'postalCode', { half: true }),
    field('site', 'city', { half: true }),
    field('site', 'phone', { type: 'tel' }),
    field('site', 'accessNotes', { control: 'textarea' }),
  ]);

  const billingSite = computed<CreateField[]>(() => [
    field('billingSite', 'name', { required: true }),
    field('billingSite', 'externalRef'),
    field('billingSite', 'billingEmail', { type: 'email' }),
    field('billingSite', 'addressLine1'),
    field('billingSite', 'postalCode', { half: true }),
    field('billingSite', 'city', { half: true }),
  ]);

  /** `initialSite`: the site the dialog was opened from (its drill-down), preselected. */
  const assignment = (initialSite?: string): CreateField[] => [
    {
      key: 'purpose', label: t('records.assignment.purpose'), control: 'select', required: true, initial: siteItems.value.length ? 'site' : 'support',
      items: ASSIGNMENT_PURPOSES.map((p) => ({ value: p, title: t(`records.assignment.purposes.${p}`) })),
    },
    {
      key: 'siteId', label: t('records.assignment.site'), control: 'select', required: true, items: siteItems.value,
      initial: initialSite ?? (siteItems.value.length === 1 ? siteItems.value[0].value : ''), visible: (v) => v.purpose === 'site',
    },
    {
      key: 'billingSiteId', label: t('records.assignment.billingSite'), control: 'select', required: true, items: billingItems.value,
      initial: billingItems.value.length === 1 ? billingItems.value[0].value : '', visible: (v) => v.purpose === 'billing',
    },
  ];

  return { contact, site, billingSite, assignment };
}
