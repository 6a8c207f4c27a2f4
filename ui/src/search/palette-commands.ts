import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { RouteLocationRaw } from 'vue-router';
import { paletteCommands } from '@/modules/registry';
import type { PaletteCommand } from '@/modules/ui-module';
import { useRecentRecordsStore } from '@/stores/recent-records';
import { useSessionStore } from '@/stores/session';

/** One line of the palette that is not a search hit: a command, or a record opened lately. */
export interface PaletteEntry {
  key: string;
  kind: 'command' | 'recent';
  title: string;
  icon: string;
  to: RouteLocationRaw;
}

/** The platform's own commands (the modules add theirs in their manifest). */
const CORE_COMMANDS: readonly PaletteCommand[] = [
  { key: 'core-new-account', label: 'palette.newAccount', icon: 'mdi-domain-plus', to: { name: 'accounts', query: { new: '1' } }, permission: ['core.account', 'create'] },
  { key: 'my-tasks', label: 'palette.myTasks', icon: 'mdi-checkbox-marked-circle-outline', to: { name: 'tasks' }, permission: ['process.task', 'read'] },
];

const folded = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Icons of the lists whose records the recent list names. */
const RECENT_ICONS: Record<string, string> = { accounts: 'mdi-domain', 'events-clients': 'mdi-account-tie-outline', 'events-contracts': 'mdi-file-sign', 'events-events': 'mdi-calendar-star' };

/**
 * The Ctrl+K palette's commands (create a record, go to my tasks) and recent records, those the
 * person may use, matching what is typed (all of them before anything is typed).
 */
export function usePaletteEntries(query: () => string) {
  const { t } = useI18n();
  const session = useSessionStore();
  const recent = useRecentRecordsStore();

  const commands = computed<PaletteEntry[]>(() => [...CORE_COMMANDS, ...paletteCommands()]
    .filter((c) => !c.permission || session.can(c.permission[0], c.permission[1]))
    .map((c) => ({ key: c.key, kind: 'command', title: t(c.label), icon: c.icon, to: c.to })));

  const recents = computed<PaletteEntry[]>(() => recent.items.map((r) => ({
    key: `recent:${r.route}:${r.id}`,
    kind: 'recent',
    title: recent.titles[r.id] ?? t('palette.recentRecord'),
    icon: RECENT_ICONS[r.route] ?? 'mdi-history',
    to: { name: r.route, params: { id: r.id } },
  })));

  return computed(() => {
    const q = folded(query().trim());
    const match = (e: PaletteEntry) => !q || folded(e.title).includes(q);
    return { commands: commands.value.filter(match), recent: q ? recents.value.filter((e) => match(e) && e.title !== t('palette.recentRecord')) : recents.value };
  });
}
