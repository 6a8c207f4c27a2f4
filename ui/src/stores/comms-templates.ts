import { defineStore } from 'pinia';
import { ref } from 'vue';
import { commsApi, type Template, type TemplateDraft, type TemplateKind } from '@/api/comms.api';
import { useRequestState } from './request-state';

/** Templates and their kinds (the variables each kind allows). */
export const useCommsTemplatesStore = defineStore('comms-templates', () => {
  const items = ref<Template[]>([]);
  const kinds = ref<TemplateKind[]>([]);
  const { loading, error, run } = useRequestState();

  async function load(): Promise<void> {
    const [templates, kindList] = (await run(() => Promise.all([commsApi.templates(), kinds.value.length ? null : commsApi.kinds()]))) ?? [null, null];
    if (templates) items.value = templates.items;
    if (kindList) kinds.value = kindList.items;
  }

  /** Creates or updates; answers the saved template, or undefined with `error` set (field problems included). */
  async function save(draft: TemplateDraft, existing: Template | null): Promise<Template | undefined> {
    const saved = await run(() => (existing
      ? commsApi.updateTemplate(existing.id, { name: draft.name, category: draft.category, kind: draft.kind, subject: draft.subject, body: draft.body }, existing.version)
      : commsApi.createTemplate(draft)));
    if (saved) {
      const i = items.value.findIndex((t) => t.id === saved.id);
      if (i >= 0) items.value.splice(i, 1, saved);
      else items.value.push(saved);
    }
    return saved;
  }

  async function remove(id: string): Promise<void> {
    const done = await run(async () => { await commsApi.deleteTemplate(id); return true; });
    if (done) items.value = items.value.filter((t) => t.id !== id);
  }

  return { items, kinds, loading, error, load, save, remove };
});
