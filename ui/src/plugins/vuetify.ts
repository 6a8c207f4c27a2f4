import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { useI18n } from 'vue-i18n';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi';
import { createVueI18nAdapter } from 'vuetify/locale/adapters/vue-i18n';
import { i18n } from './i18n';

type VueI18nAdapterOptions = Parameters<typeof createVueI18nAdapter>[0];

/** Default brand colours; the tenant's branding replaces them after /auth/me. */
export const DEFAULT_COLORS = { primary: '#1f4e8c', secondary: '#e07a1f' };

export default createVuetify({
  // The adapter is typed for untyped messages; ours are typed per locale.
  locale: { adapter: createVueI18nAdapter({ i18n: i18n as unknown as VueI18nAdapterOptions['i18n'], useI18n }) },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    defaultTheme: 'relais',
    themes: {
      relais: {
        dark: false,
        colors: { ...DEFAULT_COLORS, background: '#f5f6f8', surface: '#ffffff', success: '#2e7d32', warning: '#ed6c02', error: '#c62828', info: '#0277bd' },
        // Field and group labels are drawn at this opacity: Vuetify's 0.6 leaves them under WCAG AA's 4.5:1 on white.
        variables: { 'medium-emphasis-opacity': 0.7 },
      },
    },
  },
  // Component defaults, set once for the whole app.
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable', color: 'primary', hideDetails: 'auto' },
    VTextarea: { variant: 'outlined', density: 'comfortable', color: 'primary', hideDetails: 'auto' },
    VSelect: { variant: 'outlined', density: 'comfortable', color: 'primary', hideDetails: 'auto' },
    VBtn: { rounded: 'lg' },
    VCard: { rounded: 'lg' },
    VChip: { size: 'small', variant: 'tonal' },
    VDataTableServer: { density: 'comfortable', hover: true },
    VList: { density: 'compact' },
    VNavigationDrawer: { color: 'surface' },
  },
});
