import { http, request } from './client';

export const MESSAGE_STATUSES = ['pending', 'refused', 'queued', 'sending', 'sent', 'delivered', 'failed', 'undelivered', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type Channel = 'sms' | 'mail';
export type Language = 'fr' | 'en';
export type Category = 'transactional' | 'marketing';

export interface Message {
  id: string;
  channel: Channel;
  direction: 'outbound' | 'inbound';
  category: Category;
  recipient: string | null;
  sender: string | null;
  contactId: string | null;
  templateKey: string | null;
  language: Language | null;
  subject: string | null;
  body: string;
  status: MessageStatus;
  provider: string | null;
  providerMessageId: string | null;
  attempts: number;
  errorCode: string | null;
  errorReason: string | null;
  recordType: string | null;
  recordId: string | null;
  campaignId: string | null;
  sentByUserId: string | null;
  sentByProcess: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageDetail extends Message {
  events: Array<{ status: MessageStatus; detail: Record<string, unknown>; at: string }>;
}

export interface MessageQuery {
  limit?: number;
  cursor?: string | null;
  status?: MessageStatus | null;
  channel?: Channel | null;
  direction?: 'outbound' | 'inbound' | null;
  recordType?: string | null;
  recordId?: string | null;
  contactId?: string | null;
}

export interface Template {
  id: string;
  key: string;
  language: Language;
  channel: Channel;
  category: Category;
  kind: string;
  name: string;
  subject: string | null;
  body: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type TemplateDraft = Pick<Template, 'key' | 'language' | 'channel' | 'category' | 'kind' | 'name' | 'subject' | 'body'>;

export interface TemplateKind {
  key: string;
  description: { fr: string; en: string };
  variables: string[];
  sample: Record<string, unknown>;
}

export interface Preview {
  channel: Channel;
  subject: string | null;
  body: string;
  missing: string[];
  problems: Array<{ field: string; message: string }>;
  segments: { encoding: string; characters: number; segments: number } | null;
}

export interface PreviewRequest {
  templateId?: string;
  kind?: string;
  channel?: Channel;
  category?: Category;
  subject?: string | null;
  body?: string;
  contactId?: string;
  variables?: Record<string, unknown>;
}

export interface CommsSettings {
  smsProvider: 'sandbox' | 'twilio';
  twilioAccountSid: string | null;
  twilioAuthTokenSet: boolean;
  twilioFrom: string | null;
  twilioMessagingServiceSid: string | null;
  mailProvider: 'sandbox' | 'smtp';
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  smtpPasswordSet: boolean;
  mailFrom: string | null;
  smsRatePerMinute: number;
  mailRatePerMinute: number;
  version: number;
}

export type SettingsUpdate = Omit<CommsSettings, 'twilioAuthTokenSet' | 'smtpPasswordSet' | 'version'> & { twilioAuthToken?: string | null; smtpPassword?: string | null };

const enc = encodeURIComponent;

export const commsApi = {
  messages: (query: MessageQuery, signal?: AbortSignal) => http.get<{ items: Message[]; nextCursor: string | null }>('/comms/messages', { limit: 50, ...query }, signal),
  message: (id: string) => http.get<MessageDetail>(`/comms/messages/${enc(id)}`),
  sendSms: (contactId: string, body: { templateKey?: string; language?: Language; body?: string }) => http.post<Message>(`/contacts/${enc(contactId)}/sms`, body),
  simulateReply: (from: string, body: string) => http.post<{ messageId: string; optOut: 'stop' | 'start' | null }>('/comms/sandbox/sms/inbound', { from, body }),
  templates: (channel?: Channel) => http.get<{ items: Template[] }>('/comms/templates', { channel }),
  kinds: () => http.get<{ items: TemplateKind[] }>('/comms/template-kinds'),
  createTemplate: (draft: TemplateDraft) => http.post<Template>('/comms/templates', draft),
  updateTemplate: (id: string, patch: Partial<TemplateDraft>, version: number) => http.patch<Template>(`/comms/templates/${enc(id)}`, patch, version),
  deleteTemplate: (id: string) => request<void>('DELETE', `/comms/templates/${enc(id)}`),
  preview: (body: PreviewRequest, signal?: AbortSignal) => request<Preview>('POST', '/comms/templates/preview', { body, signal }),
  settings: () => http.get<CommsSettings>('/comms/settings'),
  saveSettings: (body: SettingsUpdate) => request<CommsSettings>('PUT', '/comms/settings', { body }),
};
