import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { PickerSource } from '@/modules/ui-module';
import type { ListBulkAction } from '@/shared/bulk';
import { TICKET_PRIORITIES, ticketsApi } from './tickets/tickets.api';

/**
 * The MSP's bulk actions on its lists (issue 11: every list gets the selection and the actions
 * its module registers): tickets assigned to a team member or given a priority, contracts given
 * an account manager. Each sets one field the kind declares for bulk on the server
 * (domain/psa/ticket-resource.ts, contracts.ts `bulkFields`); the server runs each record's own
 * update (the ticket's process told of the change) and reports each record.
 */

/** The organisation's team members (not client users), as the ticket and contract panels offer them. */
function teamSource(): PickerSource {
  const people = shallowRef<Array<{ id: string; displayName: string }>>([]);
  const loading = shallowRef(false);
  return {
    load: async () => {
      if (people.value.length || loading.value) return;
      loading.value = true;
      try {
        people.value = (await ticketsApi.assignees()).items;
      } finally {
        loading.value = false;
      }
    },
    choices: () => people.value.map((p) => ({ value: p.id, title: p.displayName })),
    loading: () => loading.value,
  };
}

/** The four priorities, the most urgent first. */
function prioritySource(): PickerSource {
  const { t } = useI18n();
  return {
    load: async () => undefined,
    choices: () => [...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, title: t(`psa.tickets.priorities.${p}`) })),
    loading: () => false,
  };
}

export const psaBulkActions: ListBulkAction[] = [
  { list: 'psa-tickets', key: 'assignee', label: 'psa.tickets.bulk.assign', icon: 'mdi-account-arrow-right-outline', field: 'assigneeId', permission: ['psa.ticket', 'update'], useSource: teamSource },
  { list: 'psa-tickets', key: 'priority', label: 'psa.tickets.bulk.priority', icon: 'mdi-flag-outline', field: 'priority', permission: ['psa.ticket', 'update'], useSource: prioritySource },
  { list: 'psa-contracts', key: 'account-manager', label: 'psa.contracts.bulk.accountManager', icon: 'mdi-account-tie-outline', field: 'accountManagerId', permission: ['psa.contract', 'update'], useSource: teamSource },
];
