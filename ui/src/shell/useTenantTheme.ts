import { watch } from 'vue';
import { useTheme } from 'vuetify';
import { DEFAULT_COLORS } from '@/plugins/vuetify';
import { setTimeZone } from '@/shared/format';
import { useSessionStore } from '@/stores/session';

const HEX = /^#[0-9a-f]{6}$/i;

/** Applies the organisation's branding (colours, title) and time zone once /auth/me is known. */
export function useTenantTheme(): void {
  const theme = useTheme();
  const session = useSessionStore();

  watch(() => session.me?.tenant, (tenant) => {
    const colors = theme.themes.value.relais?.colors;
    const branding = tenant?.branding ?? {};
    if (colors) {
      colors.primary = branding.primaryColor && HEX.test(branding.primaryColor) ? branding.primaryColor : DEFAULT_COLORS.primary;
      colors.secondary = branding.secondaryColor && HEX.test(branding.secondaryColor) ? branding.secondaryColor : DEFAULT_COLORS.secondary;
    }
    setTimeZone(tenant?.timeZone);
    document.title = tenant ? `${tenant.name} · Relais` : 'Relais';
  }, { immediate: true });
}
