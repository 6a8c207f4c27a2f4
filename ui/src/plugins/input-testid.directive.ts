import type { Directive } from 'vue';

/**
 * Puts `data-testid` on the real <input>/<textarea> of a Vuetify field. Vuetify sends
 * `data-*` attributes to the field's wrapper, where Playwright's `fill()` cannot type.
 */
function apply(el: HTMLElement, testId: string | undefined): void {
  if (!testId) return;
  const control = el.matches('input, textarea')
    ? el
    : el.querySelector<HTMLElement>('textarea:not(.v-textarea__sizer), input:not([type="hidden"])');
  if (control && control.getAttribute('data-testid') !== testId) control.setAttribute('data-testid', testId);
}

export const inputTestId: Directive<HTMLElement, string | undefined> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
};
