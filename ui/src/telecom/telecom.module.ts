import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { mergeUiParts } from '@/modules/ui-parts';
import { telecomUiParts } from './telecom-parts';

/** SoftWhere's telecom vertical in the UI (spec 002, issue 17): the « Télécom » menu, one part per area. */
export const telecomModule: UiModule = mergeUiParts(
  { key: 'telecom', icon: 'mdi-sim', nav: { label: 'telecom.nav.telecom', testId: 'nav-telecom' }, messages: INSTALLED_LOCALES.telecom },
  telecomUiParts,
);
