import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { mergeUiParts } from '@/modules/ui-parts';
import { schoolUiParts } from './school-parts';

/** ACME School's vertical in the UI (spec 004, issue 18): the « École » menu of the staff, one part per area. */
export const schoolModule: UiModule = mergeUiParts(
  { key: 'school', icon: 'mdi-school-outline', nav: { label: 'school.nav.school', testId: 'nav-school' }, messages: INSTALLED_LOCALES.school },
  schoolUiParts,
);
