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
