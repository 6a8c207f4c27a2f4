import { defineAsyncComponent } from 'vue';
import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { useSessionStore } from '@/stores/session';
import { psaBulkActions } from './psa-bulk';
import { psaRoutes } from './routes';

/**
 * The MSP (spec 003, issue 14) in the UI: the « Support » menu (tickets, then each area's
 * screens) and the « Commercial » menu (pipeline, contracts), the client portal. Each area adds
 * its entries to the group it belongs to.
 */
export const psaModule: UiModule = {
  key: 'psa',
  icon: 'mdi-lifebuoy',
  routes: psaRoutes,
  nav: [
    {
      label: 'psa.nav.support',
      testId: 'nav-psa-support',
      entries: [
        { route: 'psa-tickets', icon: 'mdi-ticket-outline', label: 'psa.nav.tickets', testId: 'nav-psa-tickets', permission: ['psa.ticket', 'update'] },
        { route: 'psa-portal', icon: 'mdi-lifebuoy', label: 'psa.nav.portal', testId: 'nav-psa-portal', permission: ['psa.ticket', 'read'], roles: ['client'] },
        { route: 'psa-timesheet', icon: 'mdi-clock-outline', label: 'psa.time.nav.timesheet', testId: 'nav-psa-timesheet', permission: ['psa.time-entry', 'create'] },
        { route: 'psa-time-approval', icon: 'mdi-clock-check-outline', label: 'psa.time.nav.approval', testId: 'nav-psa-time-approval', permission: ['psa.time-entry', 'update'], roles: ['manager', 'admin'] },
        { route: 'psa-prebilling', icon: 'mdi-file-document-multiple-outline', label: 'psa.prebilling.nav', testId: 'nav-psa-prebilling', permission: ['psa.prebilling', 'update'] },
        { route: 'psa-inbound-mails', icon: 'mdi-email-alert-outline', label: 'psa.machines.inbox.nav', testId: 'nav-psa-inbound-mails', permission: ['psa.ticket', 'create'], roles: ['manager', 'admin', 'technician'] },
        { route: 'psa-sla-settings', icon: 'mdi-timer-cog-outline', label: 'psa.sla.nav', testId: 'nav-psa-sla-settings', permission: ['psa.sla-policy', 'read'], roles: ['manager', 'admin'] },
      ],
    },
    {
      label: 'psa.nav.commercial',
      testId: 'nav-psa-commercial',
      entries: [
        { route: 'psa-pipeline', icon: 'mdi-view-column-outline', label: 'psa.pipeline.nav.board', testId: 'nav-psa-pipeline', permission: ['psa.opportunity', 'read'] },
        { route: 'psa-opportunities', icon: 'mdi-format-list-bulleted', label: 'psa.pipeline.nav.list', testId: 'nav-psa-opportunities', permission: ['psa.opportunity', 'read'] },
        { route: 'psa-contracts', icon: 'mdi-file-sign', label: 'psa.contracts.nav', testId: 'nav-psa-contracts', permission: ['psa.contract', 'update'] },
      ],
    },
  ],
  messages: INSTALLED_LOCALES.psa,
  // Tickets assigned or given a priority, contracts given an account manager: on the selection, by the server.
  bulkActions: psaBulkActions,
  // Tickets and contracts in the Ctrl+K search (by number, title or name, client): a client user opens its ticket in its portal.
  searchKinds: [
    {
      type: 'psa-ticket', label: 'psa.nav.tickets', icon: 'mdi-ticket-outline',
      to: (hit) => ({ name: useSessionStore().me?.user.type === 'client' ? 'psa-portal' : 'psa-tickets', params: { id: hit.id } }),
      present: (hit, t) => ({ title: hit.title, subtitle: [t('psa.tickets.panel.number', { number: hit.number }), hit.subtitle].filter(Boolean).join(' · ') }),
    },
    {
      type: 'psa-contract', label: 'psa.contracts.nav', icon: 'mdi-file-sign', to: (hit) => ({ name: 'psa-contracts', params: { id: hit.id } }),
      present: (hit, t) => ({ title: t('psa.contracts.number', { number: hit.number }), subtitle: [hit.title, hit.subtitle].filter(Boolean).join(' · ') }),
    },
  ],
  // The account's contracts with their hour balance, in its side panel.
  // The account's commercial journal (calls, e-mails, meetings, reminders), with its contracts.
  accountBlocks: [{ key: 'psa-journal', component: defineAsyncComponent(() => import('./pipeline/AccountJournalBlock.vue')), permission: ['psa.interaction', 'read'] }, { key: 'psa-contracts', component: defineAsyncComponent(() => import('./contracts/AccountContractsBlock.vue')), permission: ['psa.contract', 'read'] },
    // The account's machines (the RMM's place), each leading to its tickets.
    { key: 'psa-machines', component: defineAsyncComponent(() => import('./machines/AccountMachinesBlock.vue')), permission: ['psa.machine', 'read'] }],
  // The journal's reminders due to the person, above their process tasks.
  taskBlocks: [{ key: 'psa-reminders', component: defineAsyncComponent(() => import('./pipeline/RemindersCard.vue')), permission: ['psa.interaction', 'read'] }],
  // The running timer in the app bar, on every screen and device, for whoever enters time.
  appBar: [{ key: 'psa-timer', component: defineAsyncComponent(() => import('./time/TimerChip.vue')), permission: ['psa.time-entry', 'create'] }],
  // A technician lands on the tickets (« Mes tickets » is one chip away), a client user on its portal.
  // The manager lands on the time waiting for approval, the admin on the pre-billing queue to invoice.
  home: [
    { route: 'psa-time-approval', roles: ['manager'], permission: ['psa.time-entry', 'update'] },
    { route: 'psa-prebilling', roles: ['admin'], permission: ['psa.prebilling', 'update'] },
    { route: 'psa-tickets', roles: ['technician', 'manager', 'admin'], permission: ['psa.ticket', 'update'] },
    { route: 'psa-portal', roles: ['client'], permission: ['psa.ticket', 'read'] },
  ],
  commands: [
    { key: 'psa-new-opportunity', label: 'psa.pipeline.create', icon: 'mdi-handshake-outline', to: { name: 'psa-pipeline', query: { new: '1' } }, permission: ['psa.opportunity', 'create'] },
    { key: 'psa-new-ticket', label: 'psa.tickets.commands.new', icon: 'mdi-ticket-outline', to: { name: 'psa-tickets', query: { new: '1' } }, permission: ['psa.ticket', 'update'] },
    { key: 'psa-my-tickets', label: 'psa.tickets.commands.mine', icon: 'mdi-account-star-outline', to: { name: 'psa-tickets', query: { assigneeId: 'me' } }, permission: ['psa.ticket', 'update'] },
    { key: 'psa-breached-tickets', label: 'psa.tickets.commands.breached', icon: 'mdi-alarm-light-outline', to: { name: 'psa-tickets', query: { sla: 'breached' } }, permission: ['psa.ticket', 'update'] },
  ],
};
