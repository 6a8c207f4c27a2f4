import { ref, shallowRef } from 'vue';
import { ApiError } from '@/api/problem';
import { describeError } from '@/stores/describe-error';
import { fieldMessage } from './field-messages';

/**
 * A dialog's submit: `busy` while the request runs; a refusal becomes field errors next
 * to the fields (problem+json `errors`) and, for the rest, one message (its `detail`).
 * `shown` are the fields the dialog displays; an error on another field goes to the message.
 * The API writes its field messages in the interface's language (field-messages.ts capitalises them).
 */
export function useSubmit(shown: readonly string[]) {
  const busy = shallowRef(false);
  const fieldErrors = ref<Record<string, string>>({});
  const message = shallowRef<string | null>(null);

  function reset(): void {
    fieldErrors.value = {};
    message.value = null;
  }

  async function submit<T>(task: () => Promise<T>, rename: Record<string, string> = {}): Promise<T | undefined> {
    busy.value = true;
    reset();
    try {
      return await task();
    } catch (e) {
      if (e instanceof ApiError && e.fieldProblems.length) {
        const others: string[] = [];
        for (const problem of e.fieldProblems) {
          const field = rename[problem.field] ?? problem.field;
          if (shown.includes(field)) fieldErrors.value = { ...fieldErrors.value, [field]: fieldMessage(problem.message) };
          else others.push(`${problem.field} : ${fieldMessage(problem.message)}`);
        }
        message.value = others.length ? others.join(' ; ') : (e.problem.detail && e.status !== 400 ? e.problem.detail : null);
      } else if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.problem.detail) {
        message.value = e.problem.detail;
      } else {
        message.value = describeError(e);
      }
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  /** A local check before sending (required field…). */
  function fail(field: string, text: string): void {
    fieldErrors.value = { ...fieldErrors.value, [field]: text };
  }

  return { busy, fieldErrors, message, reset, submit, fail };
}
