import type { ListBulkAction } from '@/shared/bulk';
import type { AccountBlock, AppBarItem, FormPicker, PaletteCommand, SearchKind, TaskRecordLink, UiModule } from './ui-module';

/** The verticals installed in this build, registered once at start-up (plugins/index.ts). */
const modules: UiModule[] = [];

export function registerModules(list: readonly UiModule[]): void {
  for (const module of list) {
    if (modules.some((m) => m.key === module.key)) throw new Error(`UI module "${module.key}" registered twice`);
    modules.push(module);
  }
}

export function uiModules(): readonly UiModule[] {
  return modules;
}

/** Whether the organisation has the module: a core context always, a vertical when `tenant.verticals` lists it. */
export function moduleEnabled(module: UiModule, verticals: readonly string[]): boolean {
  return !!module.core || verticals.includes(module.key);
}

/** The blocks the account panel shows, of the modules the organisation has. */
export function accountBlocks(verticals: readonly string[]): AccountBlock[] {
  return modules.filter((m) => moduleEnabled(m, verticals)).flatMap((m) => m.accountBlocks ?? []);
}

/** The blocks of the enabled modules above the task list. */
export function taskBlocks(verticals: readonly string[]): AccountBlock[] {
  return modules.filter((m) => moduleEnabled(m, verticals)).flatMap((m) => m.taskBlocks ?? []);
}

/** The app bar's items, of the modules the organisation has. */
export function appBarItems(verticals: readonly string[]): AppBarItem[] {
  return modules.filter((m) => moduleEnabled(m, verticals)).flatMap((m) => m.appBar ?? []);
}

export function taskRecordLinks(): TaskRecordLink[] {
  return modules.flatMap((m) => m.taskLinks ?? []);
}

export function formPickers(): FormPicker[] {
  return modules.flatMap((m) => m.pickers ?? []);
}

/** The picker drawn for a widget ('collaborator:support'), with its argument; undefined when no module offers it. */
export function pickerOf(widget: string | undefined): { picker: FormPicker; argument: string } | undefined {
  if (!widget) return undefined;
  const colon = widget.indexOf(':');
  const name = colon < 0 ? widget : widget.slice(0, colon);
  const argument = colon < 0 ? '' : widget.slice(colon + 1);
  const picker = formPickers().find((p) => p.widget === name);
  return picker && picker.arguments.includes(argument) ? { picker, argument } : undefined;
}

/** The widget a field gets by its name alone (a registered form's convention), e.g. supportContactId → 'collaborator:support'. */
export function namedWidgetOf(field: string): string | undefined {
  for (const picker of formPickers()) {
    const argument = picker.namedFields?.[field];
    if (argument !== undefined) return `${picker.widget}:${argument}`;
  }
  return undefined;
}

/** The bulk actions modules offer on one list (by its route name). */
export function bulkActionsOf(route: string): ListBulkAction[] {
  return modules.flatMap((m) => m.bulkActions ?? []).filter((a) => a.list === route);
}

/** The commands modules add to the Ctrl+K palette. */
export function paletteCommands(): PaletteCommand[] {
  return modules.flatMap((m) => m.commands ?? []);
}

/** The kinds of records modules show in the global search's results. */
export function moduleSearchKinds(): SearchKind[] {
  return modules.flatMap((m) => m.searchKinds ?? []);
}
