import type { InstanceStatus, Task } from '@/api/process.api';

/** Past its due date (and still open). */
export function isOverdue(dueAt: string | null | undefined, now = Date.now()): boolean {
  if (!dueAt) return false;
  const due = new Date(dueAt).getTime();
  return !Number.isNaN(due) && due < now;
}

/** Priority 0–100 (50 by default on the server) → a level for the chip. */
export function priorityLevel(priority: number | null | undefined): 'high' | 'normal' | 'low' {
  const p = priority ?? 50;
  if (p >= 75) return 'high';
  if (p >= 40) return 'normal';
  return 'low';
}

export const PRIORITY_COLORS = { high: 'error', normal: 'primary', low: 'grey' } as const;

export const INSTANCE_STATUS_LOOK: Record<InstanceStatus, { color: string; icon: string }> = {
  running: { color: 'info', icon: 'mdi-play-circle-outline' },
  incident: { color: 'error', icon: 'mdi-alert-circle-outline' },
  completed: { color: 'success', icon: 'mdi-check-circle-outline' },
  cancelled: { color: 'grey', icon: 'mdi-cancel' },
  failed: { color: 'error', icon: 'mdi-close-octagon-outline' },
};

/** The task is offered to this user (assignee, candidate user or one of their roles), as the server checks. */
export function isCandidate(task: Pick<Task, 'assignee' | 'candidateUsers' | 'candidateRoles'>, userId: string | null, roleKeys: string[]): boolean {
  if (!userId) return false;
  if (task.assignee) return task.assignee === userId;
  return (task.candidateUsers ?? []).includes(userId) || (task.candidateRoles ?? []).some((r) => roleKeys.includes(r));
}

/**
 * Who holds a task, in words: « Moi », the colleague's name (when the reader may name
 * colleagues), else a neutral word; « Non attribuée » when nobody does.
 */
export function assigneeText(task: Pick<Task, 'assignee' | 'assigneeName'>, userId: string | null, t: (key: string) => string): string {
  if (!task.assignee) return t('process.tasks.unassigned');
  if (task.assignee === userId) return t('process.tasks.me');
  return task.assigneeName ?? t('process.tasks.colleague');
}

/** A process filter's choices: the process's title shown (its definition's name, else a row's title), its key filtered on. */
export function processFilterItems(keys: string[], definitions: ReadonlyArray<{ key: string; name: string | null }>, rows: ReadonlyArray<{ processKey: string; title: string }>) {
  return keys.map((key) => ({ value: key, title: definitions.find((d) => d.key === key)?.name ?? rows.find((x) => x.processKey === key)?.title ?? key }));
}
