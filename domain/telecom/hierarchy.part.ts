import { on } from '../identity/grants';
import { fleetSample, lineSample } from './hierarchy-samples';
import { seedHierarchyDemo } from './hierarchy-demo-seed';
import { hierarchyMessages } from './hierarchy.messages';
import { hierarchyPersonalData } from './hierarchy.personal-data';
import { telecomFleets } from './fleets';
import { LINE_MARGIN_FIELDS } from './line.schema';
import { telecomLines } from './lines';
import type { TelecomPart } from './telecom-part';

/**
 * The telecom vertical's accounts, contacts, sites, billing sites, fleets, lines and the catalogue of plans
 * (spec 002 §4–5, ADR 0041): its part of the manifest. « Modifier forfait » is `telecom.line.update`;
 * « voir marge » the core's `margin` grant (`core.catalogue.purchase-price.read`), which also reads a line's
 * purchase price (the `telecom.line.purchase-price` field group is read with it).
 */
export const hierarchyPart: TelecomPart = {
  resources: { 'telecom.line': 'TelecomLine', 'telecom.fleet': 'TelecomFleet', 'telecom.offer': 'TelecomOffer' },
  fieldGroups: {
    'telecom.line.purchase-price': { subject: 'TelecomLine', fields: LINE_MARGIN_FIELDS, readWith: 'core.catalogue.purchase-price' },
  },
  records: [
    {
      resource: telecomLines, path: 'telecom/lines', label: { fr: 'ligne', en: 'line', frPlural: 'lignes', enPlural: 'lines' },
      // Found by its number as people type it (the digits, against E.164), not by name: each searched name adds
      // its ways to every search's statement (docs/performance.md); it opens on its account.
      search: {
        names: [], words: [], phones: 't.number',
        show: { title: 't.number', subtitle: "concat_ws(' — ', t.user_name, a.name)", accountId: 't.account_id' },
      },
      personalDataColumns: ['number', 'user_name'], sample: lineSample,
    },
    {
      resource: telecomFleets, path: 'telecom/fleets', label: { fr: 'parc', en: 'fleet', frPlural: 'parcs', enPlural: 'fleets' },
      personalDataColumns: [], sample: fleetSample,
    },
  ],
  messages: hierarchyMessages,
  personalData: hierarchyPersonalData,
  seedDemo: seedHierarchyDemo,
  grants: {
    // Direction: every line, fleet and the catalogue; changes plans (« modifier forfait »); margins through its `margin` grant.
    direction: [...on('telecom.line', 'ru=all'), ...on('telecom.fleet', 'r=all'), ...on('telecom.offer', 'r=all')],
    // The account manager builds the clients' fleets and lines and keeps the catalogue; no margins (the platform's manager has none).
    manager: [...on('telecom.line', 'rcu=all'), ...on('telecom.fleet', 'rcud=all'), ...on('telecom.offer', 'rcud=all')],
    'support-n1': [...on('telecom.line', 'r=all'), ...on('telecom.fleet', 'r=all'), ...on('telecom.offer', 'r=all')],
    // Level 2 fixes lines: plan, options, suspension.
    'support-n2': [...on('telecom.line', 'ru=all'), ...on('telecom.fleet', 'ru=all'), ...on('telecom.offer', 'r=all')],
    sales: [...on('telecom.line', 'r=all'), ...on('telecom.fleet', 'r=all'), ...on('telecom.offer', 'r=all')],
    // Accounting reads every line with its margin (its `margin` grant) and keeps the offers' purchase side.
    accounting: [...on('telecom.line', 'r=all'), ...on('telecom.fleet', 'r=all'), ...on('telecom.offer', 'ru=all')],
    // The end client: its company's fleets and lines, sale prices only.
    client: [...on('telecom.line', 'r=own'), ...on('telecom.fleet', 'r=own')],
    // A partner: the lines of the clients it owns (its brand's, once the brands area scopes it).
    partner: [...on('telecom.line', 'r=own'), ...on('telecom.fleet', 'r=own'), ...on('telecom.offer', 'r=all')],
  },
};
