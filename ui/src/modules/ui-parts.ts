import type { RouteRecordRaw } from 'vue-router';
import type { NavEntry, UiModule } from './ui-module';

/** One area of a vertical's screens (`ui/src/<v>/<area>/<area>.part.ts`), merged by `mergeUiParts`. */
export interface UiModulePart extends Pick<UiModule, 'taskLinks' | 'pickers' | 'home' | 'commands' | 'bulkActions' | 'searchKinds' | 'accountBlocks' | 'taskBlocks' | 'appBar'> {
  /** Its texts live under `<v>.<key>.…` (its `<key>.fr.ts` and `<key>.en.ts`). */
  key: string;
  routes: RouteRecordRaw[];
  /** Its entries in the vertical's menu. */
  nav: NavEntry[];
}

/** What a vertical says of itself beside its parts: its key, icon, menu's title and texts. */
export interface UiModuleFrame extends Pick<UiModule, 'key' | 'icon' | 'messages'> {
  /** The one menu group holding every part's entries. */
  nav: { label: string; testId: string };
}

/** A vertical's UI manifest from its areas, their routes, menu entries, links and blocks in the parts' order. */
export function mergeUiParts(frame: UiModuleFrame, parts: readonly UiModulePart[]): UiModule {
  return {
    key: frame.key,
    icon: frame.icon,
    routes: parts.flatMap((p) => p.routes),
    nav: [{ ...frame.nav, entries: parts.flatMap((p) => p.nav) }],
    taskLinks: parts.flatMap((p) => p.taskLinks ?? []),
    pickers: parts.flatMap((p) => p.pickers ?? []),
    home: parts.flatMap((p) => p.home ?? []),
    commands: parts.flatMap((p) => p.commands ?? []),
    bulkActions: parts.flatMap((p) => p.bulkActions ?? []),
    searchKinds: parts.flatMap((p) => p.searchKinds ?? []),
    accountBlocks: parts.flatMap((p) => p.accountBlocks ?? []),
    taskBlocks: parts.flatMap((p) => p.taskBlocks ?? []),
    appBar: parts.flatMap((p) => p.appBar ?? []),
    messages: frame.messages,
  };
}
