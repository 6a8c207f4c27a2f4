import { z } from 'zod';
import { bulkAction } from '../core/bulk-action';
import { uuid } from '../core/fields';
import { createDeploymentParams, DEPLOYMENT_PERMISSIONS, lineIntoDeployment, orderSimParams } from './bulk-deployments';
import { addLineOptions, changeLinePlan, setLineStatus } from './line-actions';
import { isoDate } from './line.schema';

/** What an item of a telecom bulk action needs, beyond the line: the line's own permissions (`telecom.line`) and the catalogue's. */
const LINE_PERMISSIONS = ['telecom.line.read', 'telecom.line.update', 'telecom.fleet.read', 'telecom.offer.read', 'core.catalogue.read', 'core.account.read'];

/**
 * The telecom bulk actions on lines (spec 002 §5.4, docs/adr/0043): each item through the line's one write
 * path (line-actions.ts), which refuses with its reason (a terminated line, a plan of another fleet type or
 * operator…) and does nothing when the line is already as asked, so a re-run is harmless. « Modifier forfait »
 * (`telecom.line.update`) starts them.
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
    key: 'telecom.suspend', label: { fr: 'Suspendre', en: 'Suspend' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS,
    params: z.object({ on: isoDate.optional() }).strict(),
    apply: async (ctx, lineId, params) => { await setLineStatus(ctx, lineId, { status: 'suspended', on: params.on }); },
  }),
  bulkAction({
    key: 'telecom.resume', label: { fr: 'Réactiver', en: 'Resume' },
    permission: 'telecom.line.update', permissions: LINE_PERMISSIONS,
    params: z.object({ on: isoDate.optional() }).strict(),
    apply: async (ctx, lineId, params) => { await setLineStatus(ctx, lineId, { status: 'active', on: params.on }); },
  }),
  bulkAction({
    key: 'telecom.create-deployment', label: { fr: 'Créer un déploiement', en: 'Create a deployment' },
    permission: 'telecom.deployment.create', permissions: DEPLOYMENT_PERMISSIONS,
    params: createDeploymentParams,
    apply: (ctx, lineId, params, meta) => lineIntoDeployment(ctx, lineId, params, meta, false),
  }),
  bulkAction({
    key: 'telecom.order-sim', label: { fr: 'Commander une SIM', en: 'Order a SIM' },
    permission: 'telecom.deployment.create', permissions: DEPLOYMENT_PERMISSIONS,
    params: orderSimParams,
    apply: (ctx, lineId, params, meta) => lineIntoDeployment(ctx, lineId, params, meta, true),
  }),
];
