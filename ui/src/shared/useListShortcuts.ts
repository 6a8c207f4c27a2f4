import { onBeforeUnmount, onMounted, shallowRef } from 'vue';

/** A key pressed while typing (a field, an editable area) or inside an open dialog or menu is not a shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return !!target.closest('[role="dialog"], [role="menu"], [role="listbox"], .v-overlay__content');
}

/** Rows of the lists (`data-list-row`), in display order. */
function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-list-row]')];
}

/**
 * The keyboard of every list: j / k move the focused row (Enter on it opens it), `/` goes to the
 * search box (`data-list-search`), `?` opens the help that lists the shortcuts. Escape closing the
 * side panel is the panel's own. Never while typing in a field or inside a dialog.
 */
export function useListShortcuts() {
  const helpOpen = shallowRef(false);

  function move(step: number): void {
    const list = rows();
    if (!list.length) return;
    const index = list.findIndex((row) => row === document.activeElement || row.contains(document.activeElement));
    const next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    list[next]!.focus();
    list[next]!.scrollIntoView({ block: 'nearest' });
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event)) return;
    switch (event.key) {
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case '/': {
        const input = document.querySelector<HTMLInputElement>('[data-list-search] input');
        if (!input) return;
        input.focus();
        input.select();
        break;
      }
      case '?':
        helpOpen.value = true;
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));

  return { helpOpen };
}
