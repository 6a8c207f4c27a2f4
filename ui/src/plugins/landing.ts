import { tasksApi } from '@/api/process.api';
import { moduleEnabled, uiModules } from '@/modules/registry';
import type { Me } from '@/api/auth.api';

interface Session {
  me: Me | null;
  can(resource: string, action: string): boolean;
}

/** Whether the person has an open task to act on (theirs, or unclaimed and offered to them or their roles). */
async function hasOpenTasks(): Promise<boolean> {
  const page = await tasksApi.list({ candidate: 'me', status: 'open', limit: 1 }).catch(() => null);
  return !!page?.items.length;
}

/**
 * Where "/" leads (each role lands where its work is), in order: the tasks when the person
 * has some to act on; else the home its modules declare for its roles (UiModule.home); else
 * the accounts; else the tasks. Null: the welcome page. No vertical is named here.
 */
export async function landingRoute(session: Session): Promise<string | null> {
  const canTasks = session.can('process.task', 'read');
  if (canTasks && (await hasOpenTasks())) return 'tasks';
  const enabled = session.me?.tenant.verticals ?? [];
  const roles = new Set(session.me?.roles.map((r) => r.key) ?? []);
  for (const module of uiModules()) {
    if (!moduleEnabled(module, enabled)) continue;
    const home = module.home?.find((h) => (!h.roles || h.roles.some((r) => roles.has(r))) && session.can(h.permission[0], h.permission[1]));
    if (home) return home.route;
  }
  if (session.can('core.account', 'read')) return 'accounts';
  return canTasks ? 'tasks' : null;
}
