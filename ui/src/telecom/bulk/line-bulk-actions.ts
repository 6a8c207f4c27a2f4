import { shallowRef } from 'vue';
import type { PickerSource } from '@/modules/ui-module';
import type { ListBulkAction } from '@/shared/bulk';
import { formatMoney } from '@/shared/format';
import { linesApi, type CatalogueChoice } from './lines.api';

const durable = (action: string, confirm: string, param?: { name: string; list?: boolean }) => ({
  path: '/telecom/bulk', action, items: { many: 'lineIds', one: 'lineId' }, confirm, ...(param ? { param } : {}),
});

/** The catalogue's plans or options as a bulk action's choices (name, code and monthly sale price). */
function offersSource(kind: 'plan' | 'option'): () => PickerSource {
  return () => {
    const items = shallowRef<CatalogueChoice[]>([]);
    const loading = shallowRef(false);
    return {
      async load() {
        if (items.value.length || loading.value) return;
        loading.value = true;
        try {
          items.value = (await linesApi.offers(kind)).items;
        } finally {
          loading.value = false;
        }
      },
      choices: () => items.value.map((o) => ({ value: o.id, title: o.name, subtitle: `${o.code} · ${formatMoney(o.unitPriceCents)}` })),
      loading: () => loading.value,
    };
  };
}

const update = ['telecom.line', 'update'] as const;
const launch = ['telecom.deployment', 'create'] as const;

/**
 * The durable bulk actions on the lines list (spec 002 §5.4, ADR 0043): « Changer de forfait », « Ajouter une
 * option », « Suspendre / Réactiver / Résilier chez l'opérateur » (ADR 0047: an order per line through the operator
 * port, the line changes when the operator confirms), for who may change plans (« modifier forfait »); « Créer un déploiement »
 * and « Commander une SIM » (one deployment per account, in study) for who may launch deployments.
 */
export const LINE_BULK_ACTIONS: ListBulkAction[] = [
  { list: 'telecom-lines', key: 'change-plan', label: 'telecom.bulk.actions.changePlan', icon: 'mdi-swap-horizontal', permission: update, useSource: offersSource('plan'), durable: durable('change-plan', 'telecom.bulk.confirm.changePlan', { name: 'planId' }) },
  { list: 'telecom-lines', key: 'add-option', label: 'telecom.bulk.actions.addOption', icon: 'mdi-plus-box-outline', permission: update, useSource: offersSource('option'), durable: durable('add-option', 'telecom.bulk.confirm.addOption', { name: 'optionIds', list: true }) },
  { list: 'telecom-lines', key: 'suspend', label: 'telecom.bulk.actions.suspend', icon: 'mdi-pause-circle-outline', permission: update, durable: durable('suspend', 'telecom.bulk.confirm.suspend') },
  { list: 'telecom-lines', key: 'resume', label: 'telecom.bulk.actions.resume', icon: 'mdi-play-circle-outline', permission: update, durable: durable('resume', 'telecom.bulk.confirm.resume') },
  { list: 'telecom-lines', key: 'terminate', label: 'telecom.bulk.actions.terminate', icon: 'mdi-close-circle-outline', permission: update, durable: durable('terminate', 'telecom.bulk.confirm.terminate') },
  { list: 'telecom-lines', key: 'create-deployment', label: 'telecom.bulk.actions.createDeployment', icon: 'mdi-truck-fast-outline', permission: launch, durable: durable('create-deployment', 'telecom.bulk.confirm.createDeployment') },
  { list: 'telecom-lines', key: 'order-sim', label: 'telecom.bulk.actions.orderSim', icon: 'mdi-sim-outline', permission: launch, durable: durable('order-sim', 'telecom.bulk.confirm.orderSim') },
];
