import type { RouteRecordRaw } from 'vue-router';
import type { NavEntry, UiModule } from '@/modules/ui-module';

/** One area of the telecom screens (`ui/src/telecom/<area>/<area>.part.ts`), merged by telecom.module.ts. */
export interface TelecomUiPart extends Pick<UiModule, 'taskLinks' | 'pickers' | 'home' | 'commands' | 'bulkActions' | 'searchKinds' | 'accountBlocks' | 'taskBlocks' | 'appBar'> {
  /** Its texts live under `telecom.<key>.…` (its `<key>.fr.ts` and `<key>.en.ts`). */
  key: string;
  routes: RouteRecordRaw[];
  /** Its entries in the « Télécom » menu. */
  nav: NavEntry[];
}
