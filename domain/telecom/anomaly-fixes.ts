import type { RequestContext } from '../core/record-service';
import type { ExpectedVersion } from '../errors';
import { UnprocessableError } from '../errors';
import { formatter } from '../i18n/messages';
import { assertFixable, loadAnomaly, writeAnomaly } from './anomalies';
import { requireAnomalyUpdate } from './control-access';
import { controlMessage as m } from './control.messages';
import type { Anomaly, FixAction } from './control.schema';
import { createDeployment } from './deployments';

type Row = Record<string, unknown>;

/** Which fixes suit which anomaly: stopping the billing suits a terminated line, updating the catalogue a price gap, a dispute both. */
const FIXES: Record<FixAction, ReadonlyArray<Anomaly['kind']>> = {
  'terminate-billing': ['terminated-still-billed'],
  dispute: ['terminated-still-billed', 'purchase-price-gap'],
  'update-catalogue': ['purchase-price-gap'],
};

const TITLES: Record<FixAction, string> = {
  'terminate-billing': 'Arrêter la facturation',
  dispute: 'Contester auprès de l’opérateur',
  'update-catalogue': 'Mettre à jour le catalogue',
};

/** What the deployment's study says of the anomaly (ids, amounts and periods: no person). */
function studyNotes(row: Row, action: FixAction, note: string | undefined): string {
  const f = formatter('fr');
  const where = row.source === 'billing-system' ? 'par le système de facturation' : `sur la facture de l’opérateur ${String(row.operatorKey)}`;
  const what = row.kind === 'terminated-still-billed'
    ? `Ligne résiliée encore facturée ${where} : ${f.money(Number(row.billedCents))} par mois depuis ${f.date(String(row.since).slice(0, 10))}.`
    : `Écart de prix d’achat sur le produit ${String(row.productCode)} : facturé ${f.money(Number(row.billedCents))}, catalogue ${f.money(Number(row.expectedCents))}.`;
  return [`${TITLES[action]} — anomalie de contrôle facturation ${String(row.id)}.`, what, `Perte mensuelle : ${f.money(Number(row.monthlyLossCents))} (dernière période constatée : ${String(row.lastSeenPeriod)}).`, note ?? '']
    .filter(Boolean).join('\n');
}

/**
 * Starts fixing an anomaly (spec 002 §7: « terminate billing, dispute with the operator, update the
 * catalogue »): a deployment of the line's account naming the line, its study saying what to do, left in
 * study for the team that « lance le déploiement » (D's `createDeployment`, which checks that permission);
 * the anomaly moves to `fixing` with the deployment's id. The next control run resolves it once the
 * period's sources no longer show it.
 */
export async function startFix(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, input: { action: FixAction; note?: string }): Promise<Anomaly> {
  requireAnomalyUpdate(ctx);
  const row = await loadAnomaly(ctx, id);
  assertFixable(row);
  if (!FIXES[input.action].includes(row.kind as Anomaly['kind'])) throw new UnprocessableError(m('telecom.control.fix-not-for-kind', { action: input.action }));
  const deployment = await createDeployment(ctx, {
    accountId: String(row.accountId),
    title: `${TITLES[input.action]} : ligne ${String(row.lineNumber ?? row.lineId)}`.slice(0, 200),
    lineIds: [String(row.lineId)], actions: [], studyNotes: studyNotes(row, input.action, input.note), start: false,
  });
  return writeAnomaly(ctx, row, expected, 'fixing', {
    fixAction: input.action, fixDeploymentId: deployment.id, fixStartedAt: ctx.trx.fn.now(), fixStartedBy: ctx.principal.userId ?? null,
  });
}
