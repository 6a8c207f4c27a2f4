import type { TelecomUiPart } from '../telecom-ui-part';
import { LINE_BULK_ACTIONS } from './line-bulk-actions';

/**
 * The screens of the telecom vertical's bulk area (texts in bulk.fr.ts / bulk.en.ts, under `telecom.bulk.…`):
 * « Lignes » with the selection across pages and the durable bulk actions (spec 002 §5.4, ADR 0043).
 */
export const bulkUiPart: TelecomUiPart = {
  key: 'bulk',
  routes: [
    { path: 'telecom/lines/:id?', name: 'telecom-lines', component: () => import('./LinesPage.vue'), meta: { permission: ['telecom.line', 'read'] } },
  ],
  nav: [{ route: 'telecom-lines', icon: 'mdi-sim-outline', label: 'telecom.bulk.nav.lines', testId: 'nav-telecom-lines', permission: ['telecom.line', 'read'] }],
  bulkActions: LINE_BULK_ACTIONS,
  // Found by Ctrl+K by their number (as typed: « 06 12 34 56 78 »): a line opens its account's
  // panel, as in the list, where its fleet and plan show.
  searchKinds: [{
    type: 'telecom-line', label: 'telecom.bulk.nav.lines', icon: 'mdi-sim-outline',
    to: (hit) => ({ name: 'accounts', params: { id: hit.accountId ?? hit.id } }),
  }],
};
