import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import type { FilterFn } from '../core/record-resource';
import { isUuid } from '../core/record-service';
import { coreMessage } from '../i18n/core.messages';
import { hierarchyMessage as m } from './hierarchy.messages';

/** A list filter on a reference column: its value must be an id. */
export function refFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!isUuid(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}

/** A site or billing site named on a fleet or a line is one of its account's (none named: nothing to check). */
export async function sameAccount(trx: Knex.Transaction, table: 'sites' | 'billingSites', id: unknown, accountId: unknown, field: string): Promise<void> {
  if (id === undefined || id === null) return;
  if (!await trx(table).where({ id, accountId }).first('id')) {
    throw new ValidationError([{ field, message: m(table === 'sites' ? 'telecom.hierarchy.no-such-site' : 'telecom.hierarchy.no-such-billing-site') }]);
  }
}
