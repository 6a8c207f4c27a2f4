import type { Command } from 'commander';
import type { Collaborator } from '../collaborators';
import { usageError } from '../exit-codes';
import { renderList } from '../output';
import { emit, withJson, type Context, type JsonFlag } from './common';

const ROLES = ['sales', 'support', 'management'];

/**
 * The organisation's collaborators, read-only: the API lists them for pickers
 * (GET /events/collaborators) but offers no endpoint to create, change or
 * remove them, so neither does the CLI.
 */
export function registerUsers(program: Command, ctx: Context): void {
  const users = program.command('users').description('collaborators of the organisation (read-only)');
  withJson(users.command('list').description('active collaborators, to find who to assign')
    .option('--role <role>', `only this department: ${ROLES.join(', ')}`))
    .action(async (o: JsonFlag & { role?: string }) => {
      if (o.role && !ROLES.includes(o.role)) throw usageError(`--role "${o.role}" must be one of ${ROLES.join(', ')}.`, [{ field: '--role', message: 'is not a department' }]);
      const res = await ctx.api().get<{ items: Collaborator[] }>('/events/collaborators', { query: { role: o.role }, flags: { role: '--role' } });
      emit(ctx, o, res.body, () => renderList(res.body.items, [
        { header: 'Name', value: (u) => u.displayName },
        { header: 'Email', value: (u) => u.email },
        { header: 'Roles', value: (u) => u.roles.join(', ') },
        { header: 'Id', value: (u) => u.id },
      ], 'collaborator'));
    });
}
