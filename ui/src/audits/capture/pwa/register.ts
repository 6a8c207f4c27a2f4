/**
 * Registers the app's service worker (ui/pwa/service-worker.js, ADR 0036) when the capture opens:
 * from then on the built app is kept, and the capture page reloads without a network. Only in the
 * built app (the dev server has no `sw.js`).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}
