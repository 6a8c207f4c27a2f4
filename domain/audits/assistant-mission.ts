import { isUuid, loadFor, type RequestContext } from '../core/record-service';
import { DomainError, NotFoundError } from '../errors';
import { assistantMessage as m } from './assistant.messages';
import { auditMissions } from './missions';

export interface AssistantMission {
  id: string;
  title: string;
  scopes: string[];
}

/**
 * The mission the assistant works on, if the caller sees it (the missions' own read rule: leads and
 * administration all, an auditor the missions they are named on). Anything else — another organisation's,
 * a mission not assigned, a role without missions — answers the same 404, revealing nothing.
 */
export async function assistantMission(ctx: RequestContext, id: string): Promise<AssistantMission> {
  if (!isUuid(id)) throw new NotFoundError(m('audits.assistant.unknown-mission'));
  try {
    const row = await loadFor(ctx, auditMissions, id, 'read');
    return { id: String(row.id), title: String(row.title), scopes: (row.scopes as string[] | null) ?? [] };
  } catch (error) {
    if (error instanceof DomainError && (error.status === 404 || error.status === 403)) throw new NotFoundError(m('audits.assistant.unknown-mission'));
    throw error;
  }
}
