import type { Component } from 'vue';
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router';
import type { SearchHit } from '@/api/search.api';
import type { ListBulkAction } from '@/shared/bulk';

/**
 * What a vertical (Epic Events, audits, school…) gives the UI shell. The core never imports a
 * vertical: it iterates over the registered manifests (registry.ts), and `installed-modules.ts`
 * is the one file that lists them.
 */
export interface UiModule {
  /** The vertical's key, as in `tenant.verticals` (/auth/me); its texts live under this i18n namespace. */
  key: string;
  /**
   * A core context (billing) rather than a vertical: there for every organisation, whatever its
   * `verticals`; its drawer entries, homes and blocks show by the person's permissions alone.
   */
  core?: boolean;
  /** Icon of the vertical in the drawer's list of modules. */
  icon: string;
  /** Screens, children of the app shell (paths relative to '/'); `meta.permission` is checked by the router. */
  routes: RouteRecordRaw[];
  /**
   * Its group in the navigation drawer, shown when the organisation enabled the vertical; or its
   * groups, in order (the MSP: « Support » and « Commercial »).
   */
  nav?: NavGroupDefinition | readonly NavGroupDefinition[];
  /** Its texts, merged under `<key>.` (French first: every other language has the same keys). */
  messages: { fr: LocaleMessages; en: LocaleMessages };
  /** Links from a task's panel to the records the task is about. */
  taskLinks?: TaskRecordLink[];
  /** Form widgets that pick one of its records (`x-relais-widget: "<widget>:<argument>"`). */
  pickers?: FormPicker[];
  /**
   * Where "/" leads the people of this vertical who have no open task to act on (plugins/landing.ts):
   * the first entry whose roles they hold (no roles: anyone) and whose permission they have.
   */
  home?: readonly ModuleHome[];
  /** Commands of the Ctrl+K palette (« Nouveau client »). */
  commands?: readonly PaletteCommand[];
  /** Bulk actions on its lists (set one field on the selection, run by the server). */
  bulkActions?: readonly ListBulkAction[];
  /** How the global search (Ctrl+K) shows and opens its kinds of records (those its domain module registers a search for). */
  searchKinds?: readonly SearchKind[];
  /** Blocks the account's side panel shows below its contacts and sites (billing: the account's invoices and balance). */
  accountBlocks?: readonly AccountBlock[];
  /** Blocks the task list shows above the process tasks (the MSP: the sales reminders due to the person), same shape as an account block without its `accountId`. */
  taskBlocks?: readonly AccountBlock[];
  /** Items of the app bar, beside the search, on every screen (the MSP's running timer), for people who hold their permission. */
  appBar?: readonly AppBarItem[];
}

/** An item of the app bar (a chip, a button): loaded when first shown, so the module's code stays out of the core's bundle. */
export interface AppBarItem {
  key: string;
  component: Component;
  permission?: Permission;
}

/** A block of the account's side panel, given the account's id (`accountId` prop). */
export interface AccountBlock {
  key: string;
  /** Loaded when first shown (defineAsyncComponent), so the module's code stays out of the core's bundle. */
  component: Component;
  /** Shown only to people who hold it. */
  permission?: Permission;
}

/** One kind of record in the global search's results: its group, its icon, its label, where it opens. */
export interface SearchKind {
  /** The hits' `type` (the record kind's `recordType`: `event-client`). */
  type: string;
  /** i18n key of the group's heading (« Clients »). */
  label: string;
  icon: string;
  /** Its title and subtitle when the hit's own title is not its name for people (a contract: « Contrat n° 652 »). */
  present?: (hit: SearchHit, t: (key: string, params?: Record<string, unknown>) => string) => { title: string; subtitle: string | null };
  /** Where choosing it leads: the list with the record's panel open. */
  to(hit: SearchHit): RouteLocationRaw;
}

/** A command of the Ctrl+K palette: a label and where it leads (a create command opens the list with `?new=1`). */
export interface PaletteCommand {
  key: string;
  /** i18n key of its label. */
  label: string;
  icon: string;
  to: RouteLocationRaw;
  /** Offered only to people who hold it. */
  permission?: Permission;
}

export interface ModuleHome {
  /** Name of the route it opens. */
  route: string;
  permission: Permission;
  /** Role keys (as in /auth/me `roles`) this home is for; absent: everyone. */
  roles?: readonly string[];
}

export type LocaleMessages = Record<string, unknown>;

/** `[resource, action]`, as in /auth/me permissions. */
export type Permission = readonly [resource: string, action: string];

export interface NavGroupDefinition {
  /** i18n key of the group's title (with the module's namespace: 'events.nav.group'). */
  label: string;
  testId: string;
  entries: NavEntry[];
}

export interface NavEntry {
  /** Name of the route it opens. */
  route: string;
  icon: string;
  /** i18n key of its label. */
  label: string;
  testId: string;
  /** Listed only for people who hold it. */
  permission?: Permission;
  /** Listed only for people with one of these role keys (the client portal's entry); absent: everyone. */
  roles?: readonly string[];
}

/** What a task panel knows of a task when it looks for the records to link. */
export interface TaskContext {
  processKey: string;
  businessKey: string;
  /** The instance's variables, when the person may read the instance (else null). */
  variables: Record<string, unknown> | null;
}

export interface TaskRecordLink {
  /** `data-testid` of the link. */
  testId: string;
  icon: string;
  /** i18n key of what the link opens ("Ouvrir la fiche du client"). */
  label: string;
  /** Shown only to people who hold it. */
  permission?: Permission;
  /** The linked record's id for this task, or null when the task is not about such a record. */
  recordOf(task: TaskContext): string | null;
  /** Where the link leads. */
  to(id: string): RouteLocationRaw;
  /** The record's name, shown as the link's title once it arrives (null: it cannot be read). */
  nameOf?(id: string): Promise<string | null>;
}

export interface PickerChoice {
  value: string;
  title: string;
  subtitle?: string;
}

/** Loads and lists a picker's choices; created in a component's setup (it may use stores). */
export interface PickerSource {
  load(argument: string): Promise<void>;
  choices(argument: string): PickerChoice[];
  loading(): boolean;
}

export interface FormPicker {
  /** The widget's name: `collaborator` for `x-relais-widget: "collaborator:support"`. */
  widget: string;
  /** The arguments it accepts after the colon. */
  arguments: readonly string[];
  /** Fields drawn as this picker when the schema names no widget (registered forms' conventions): field name → argument. */
  namedFields?: Readonly<Record<string, string>>;
  icon?: string;
  useSource(): PickerSource;
}
