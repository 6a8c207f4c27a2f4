import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { telecomUiParts } from './telecom-parts';

/** SoftWhere's telecom vertical in the UI (spec 002, issue 17): the « Télécom » menu, one part per area. */
export const telecomModule: UiModule = {
  key: 'telecom',
  icon: 'mdi-sim',
  routes: telecomUiParts.flatMap((p) => p.routes),
  nav: [{ label: 'telecom.nav.telecom', testId: 'nav-telecom', entries: telecomUiParts.flatMap((p) => p.nav) }],
  taskLinks: telecomUiParts.flatMap((p) => p.taskLinks ?? []),
  pickers: telecomUiParts.flatMap((p) => p.pickers ?? []),
  home: telecomUiParts.flatMap((p) => p.home ?? []),
  commands: telecomUiParts.flatMap((p) => p.commands ?? []),
  bulkActions: telecomUiParts.flatMap((p) => p.bulkActions ?? []),
  searchKinds: telecomUiParts.flatMap((p) => p.searchKinds ?? []),
  accountBlocks: telecomUiParts.flatMap((p) => p.accountBlocks ?? []),
  taskBlocks: telecomUiParts.flatMap((p) => p.taskBlocks ?? []),
  appBar: telecomUiParts.flatMap((p) => p.appBar ?? []),
  messages: INSTALLED_LOCALES.telecom,
};
