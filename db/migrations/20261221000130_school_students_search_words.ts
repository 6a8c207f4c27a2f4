import type { Knex } from 'knex';
import { dropSearchWordTriggers, searchWordBackfill, searchWordTriggers } from '../search-words';

/**
 * The global search finds students by name (ADR 0049), so a mistyped name (« kerbart ») finds them through the
 * search dictionary like every other searched kind (ADR 0040): the dictionary's three statement triggers on
 * `school_students` (words of `search_name` only: names, never the NIR), and the words of the students already
 * there counted in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(searchWordTriggers('school_students'));
  await knex.raw(searchWordBackfill(['school_students']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(dropSearchWordTriggers('school_students'));
}
