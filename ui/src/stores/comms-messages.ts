import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { commsApi, type Channel, type Message, type MessageStatus } from '@/api/comms.api';
import { useRequestState } from './request-state';

/** The outbox / log: filters and loaded pages survive navigation. */
export const useCommsMessagesStore = defineStore('comms-messages', () => {
  const items = ref<Message[]>([]);
  const nextCursor = shallowRef<string | null>(null);
  const status = shallowRef<MessageStatus | null>(null);
  const channel = shallowRef<Channel | null>(null);
  const direction = shallowRef<'outbound' | 'inbound' | null>(null);
  /** Messages about one record (from its timeline or a link). */
  const record = shallowRef<{ type: string; id: string } | null>(null);
  const loaded = shallowRef(false);
  const { loading, error, run } = useRequestState();
  let generation = 0;

  function query(cursor: string | null) {
    return { status: status.value, channel: channel.value, direction: direction.value, recordType: record.value?.type, recordId: record.value?.id, cursor };
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    const page = await run(() => commsApi.messages(query(null)));
    if (!page || mine !== generation) return;
    items.value = page.items;
    nextCursor.value = page.nextCursor;
    loaded.value = true;
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return;
    const mine = generation;
    const page = await run(() => commsApi.messages(query(nextCursor.value)));
    if (!page || mine !== generation) return;
    items.value.push(...page.items);
    nextCursor.value = page.nextCursor;
  }

  function setFilter(patch: { status?: MessageStatus | null; channel?: Channel | null; direction?: 'outbound' | 'inbound' | null; record?: { type: string; id: string } | null }): void {
    if ('status' in patch) status.value = patch.status ?? null;
    if ('channel' in patch) channel.value = patch.channel ?? null;
    if ('direction' in patch) direction.value = patch.direction ?? null;
    if ('record' in patch) record.value = patch.record ?? null;
    void load();
  }

  return { items, nextCursor, status, channel, direction, record, loaded, loading, error, load, loadMore, setFilter };
});
