import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { importMessage as m } from './import.messages';

/** The permission resource of the registry import (school.import): create = import and save mappings; read = history; update = the drop folder. */
export const IMPORT_SUBJECT = 'SchoolImport';

export function requireImportRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', IMPORT_SUBJECT)) throw new ForbiddenError(m('school.import.forbidden'));
}

export function requireImportCreate(ctx: RequestContext): void {
  if (!ctx.ability.can('create', IMPORT_SUBJECT)) throw new ForbiddenError(m('school.import.forbidden'));
}

export function requireImportSettings(ctx: RequestContext): void {
  if (!ctx.ability.can('update', IMPORT_SUBJECT)) throw new ForbiddenError(m('school.import.settings-forbidden'));
}
