import { z } from 'zod';
import { bulkAction } from '../core/bulk-action';
import { uuid } from '../core/fields';
import { createDeploymentParams, DEPLOYMENT_PERMISSIONS, lineIntoDeployment, orderSimParams } from './bulk-deployments';
import { addLineOptions, changeLinePlan } from './line-actions';
import { LINE_ITEM_PERMISSIONS, operatorStatusStep } from './line-operator-orders';
import { isoDate } from './line.schema';

/** What an item of a telecom bulk action needs, beyond the line: the line's own permissions (`telecom.line`) and the catalogue's. */
const LINE_PERMISSIONS = LINE_ITEM_PERMISSIONS;
const statusParams = z.object({ on: isoDate.optional() }).strict();

/**
 * The telecom bulk actions on lines (spec 002 §5.4, docs/adr/0043): each item through the line's one write
 * path (line-actions.ts), which refuses with its reason (a terminated line, a plan of another fleet type or
 * operator…) and does nothing when the line is already as asked, so a re-run is harmless. « Modifier forfait »
 * (`telecom.line.update`) starts them. Suspend, resume and terminate ask the line's operator (docs/adr/0047): a line
 * with an operator id gets an order through the operator port (the item's key as its reference) and takes its
 * status when the operator confirms; a line without one is changed in Relais only.
 */
export const TELECOM_BULK_ACTIONS = [
  bulkAction({
    key: 'telecom.change-plan', label: { fr: 'Changer de forfait', en: 'Change plan' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS,
    params: z.object({ planId: uuid }).strict(),
    apply: async (ctx, lineId, params) => { await changeLinePlan(ctx, lineId, params); },
  }),
  bulkAction({
    key: 'telecom.add-option', label: { fr: 'Ajouter une option', en: 'Add an option' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS,
    params: z.object({ optionIds: z.array(uuid).min(1).max(20) }).strict(),
    apply: async (ctx, lineId, params) => { await addLineOptions(ctx, lineId, params); },
  }),
  bulkAction({
    key: 'telecom.suspend', label: { fr: 'Suspendre chez l’opérateur', en: 'Suspend at the operator' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS, params: statusParams, vendor: operatorStatusStep('suspended'),
  }),
  bulkAction({
    key: 'telecom.resume', label: { fr: 'Réactiver chez l’opérateur', en: 'Resume at the operator' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS, params: statusParams, vendor: operatorStatusStep('active'),
  }),
  bulkAction({
    key: 'telecom.terminate', label: { fr: 'Résilier chez l’opérateur', en: 'Terminate at the operator' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS, params: statusParams, vendor: operatorStatusStep('terminated'),
  }),
  bulkAction({
    key: 'telecom.create-deployment', label: { fr: 'Créer un déploiement', en: 'Create a deployment' },
    permission: 'telecom.deployment.create', permissions: DEPLOYMENT_PERMISSIONS, itemAccess: 'read',
    params: createDeploymentParams,
    apply: (ctx, lineId, params, meta) => lineIntoDeployment(ctx, lineId, params, meta, false),
  }),
  bulkAction({
    key: 'telecom.order-sim', label: { fr: 'Commander une SIM', en: 'Order a SIM' },
    permission: 'telecom.deployment.create', permissions: DEPLOYMENT_PERMISSIONS, itemAccess: 'read',
    params: orderSimParams,
    apply: (ctx, lineId, params, meta) => lineIntoDeployment(ctx, lineId, params, meta, true),
  }),
];
