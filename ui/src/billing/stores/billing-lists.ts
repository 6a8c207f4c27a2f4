import { defineStore } from 'pinia';
import { billingApi, documentApi, type BillingKind, type BillingRecordOf, type Invoice, type Page } from '@/billing/billing.api';
import { useRecordList, type ListQuery, type SortItem } from '@/shared/record-list';

const DEFAULT_SORT: SortItem = { key: 'createdAt', order: 'desc' };
const SORTABLE = ['createdAt', 'updatedAt', 'totalIncludingTaxCents'];

/** A row changed here (an action, a payment) leaves a list whose status or overdue filter it no longer fits. */
function stillMatches(row: { status: string; overdue?: boolean }, filters: Record<string, string>): boolean {
  if (filters.status && !filters.status.split(',').includes(row.status)) return false;
  return !(filters.overdue && String(row.overdue ?? false) !== filters.overdue);
}

/**
 * Invoices, overdue first: in the default order and without an « En retard » filter, the pages go
 * through the overdue invoices (`overdue=true`), then through the others (`overdue=false`), the
 * API's cursor of each phase prefixed with it (`o:`, `r:`). Any other sort or filter pages as asked.
 */
export async function invoicesOverdueFirst(query: ListQuery, signal?: AbortSignal): Promise<Page<Invoice>> {
  const list = (cursor: string | null, overdue: string | undefined) => billingApi.invoices.list({
    q: query.q, sort: query.sort, cursor, filters: overdue === undefined ? query.filters : { ...query.filters, overdue },
  }, signal);
  const defaultSort = `-${DEFAULT_SORT.key}`;
  if (query.sort !== defaultSort || query.filters.overdue) return list(query.cursor, undefined);
  const phase = query.cursor?.slice(0, 2) ?? 'o:';
  const cursor = query.cursor ? query.cursor.slice(2) : null;
  const rest = async (from: string | null) => {
    const page = await list(from, 'false');
    return { items: page.items, nextCursor: page.nextCursor ? `r:${page.nextCursor}` : null };
  };
  if (phase !== 'o:') return rest(cursor);
  const late = await list(cursor, 'true');
  if (late.nextCursor) return { items: late.items, nextCursor: `o:${late.nextCursor}` };
  const others = await rest(null);
  return { items: [...late.items, ...others.items], nextCursor: others.nextCursor };
}

/**
 * One list per kind of document (quotes, invoices, credit notes): search, filters (status, client,
 * overdue, period: in the URL), sort, loaded pages; a document saved elsewhere replaces its row.
 */
function defineBillingList<K extends BillingKind>(kind: K) {
  type Row = BillingRecordOf[K];
  return defineStore(`billing-${kind}`, () => useRecordList<Row>({
    sortable: kind === 'invoices' ? [...SORTABLE, 'amountDueCents'] : SORTABLE,
    defaultSort: DEFAULT_SORT,
    stillMatches,
    fetch: kind === 'invoices'
      ? (invoicesOverdueFirst as unknown as (query: ListQuery, signal?: AbortSignal) => Promise<Page<Row>>)
      : (query, signal) => documentApi(kind).list(query, signal),
  }));
}

export const useQuotesStore = defineBillingList('quotes');
export const useInvoicesStore = defineBillingList('invoices');
export const useCreditNotesStore = defineBillingList('credit-notes');

/** The list store of a kind (the editor and the actions update rows through it). */
export function useBillingListOf(kind: BillingKind) {
  switch (kind) {
    case 'quotes': return useQuotesStore();
    case 'invoices': return useInvoicesStore();
    case 'credit-notes': return useCreditNotesStore();
  }
}
