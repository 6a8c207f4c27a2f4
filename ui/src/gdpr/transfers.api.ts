import { request } from '@/api/client';
import type {
  ReidentifyView, TransferChoicesView, TransferInput, TransferPreviewView, TransferView,
} from '@domain/gdpr/transfers.schema';

/** Transfers' API (/api/v1/gdpr/transfers; domain/gdpr/transfers.schema.ts is the source of these types). */
export type { TransferChoicesView, TransferInput, TransferPreviewView, TransferView };

export const transfersApi = {
  list: () => request<{ items: TransferView[] }>('GET', '/gdpr/transfers'),
  choices: () => request<TransferChoicesView>('GET', '/gdpr/transfers/choices'),
  declare: (input: TransferInput) => request<TransferView>('POST', '/gdpr/transfers', { body: input }),
  preview: (id: string) => request<TransferPreviewView>('GET', `/gdpr/transfers/${id}/preview?rows=5`),
  exportZip: (id: string) => request<Blob>('POST', `/gdpr/transfers/${id}/exports`, { responseType: 'blob', accept: 'application/zip' }),
  reidentify: (id: string, pseudonym: string) => request<ReidentifyView>('POST', `/gdpr/transfers/${id}/reidentify`, { body: { pseudonym } }),
};
