import { watch } from 'vue';
import { useTheme } from 'vuetify';
import { DEFAULT_COLORS } from '@/plugins/vuetify';
import { setTimeZone } from '@/shared/format';
import { useSessionStore } from '@/stores/session';
import { darkenToContrast, readableOn } from './contrast';

const HEX = /^#[0-9a-f]{6}$/i;

/** Applies the organisation's branding (colours, title) and time zone once /auth/me is known. */
export function useTenantTheme(): void {
  const theme = useTheme();
  const session = useSessionStore();

  watch(() => session.me?.tenant, (tenant) => {
    const colors = theme.themes.value.relais?.colors;
    const branding = tenant?.branding ?? {};
    if (colors) {
      const primary = branding.primaryColor && HEX.test(branding.primaryColor) ? branding.primaryColor : DEFAULT_COLORS.primary;
      const secondary = branding.secondaryColor && HEX.test(branding.secondaryColor) ? branding.secondaryColor : DEFAULT_COLORS.secondary;
      // Readable whatever the brand: the primary colour is also text (links, the current menu entry)
      // on the page's background, so it is darkened until it reads there (WCAG AA); text on either
      // colour is black or white, whichever contrasts more (Vuetify's own choice follows APCA, not WCAG).
      colors.primary = darkenToContrast(primary, colors.background ?? '#ffffff');
      colors.secondary = secondary;
      colors['on-primary'] = readableOn(colors.primary);
      colors['on-secondary'] = readableOn(secondary);
    }
    setTimeZone(tenant?.timeZone);
    document.title = tenant ? `${tenant.name} · Relais` : 'Relais';
  }, { immediate: true });
}
