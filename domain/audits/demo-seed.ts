import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { seedCaptureDemo } from './capture-demo';
import { seedCatalogueDemo } from './catalogue.demo';
import { seedMissionsDemo } from './missions-demo';
import { seedProcessDemo } from './process-demo';
import { seedReportDemo } from './report/report-demo';

/** One area's part of the demo (missions first: the others hang their rows on them). Idempotent: each part leaves alone what it already seeded. */
export type AuditsDemoPart = (admin: Knex, tenant: DemoTenantFacts) => Promise<void>;

/**
 * Cassandre's demo (spec 000, issue 16): a small audit firm of Quimper a newcomer understands at first
 * sight. Each area of the vertical adds its part here, in the order they depend on each other.
 */
const PARTS: AuditsDemoPart[] = [
  // The missions first (two more auditors, ten missions in every status): the others hang their rows on them.
  seedMissionsDemo,
  // The catalogue and the library, then the demo missions' checklists: after the missions' part.
  seedCatalogueDemo,
  // What the auditors captured on the missions « Sur site » and after (inventory, observations, findings, uploads), sealed.
  seedCaptureDemo,
  // The reports (after the capture: their versions freeze its findings and inventory): delivered, in review, sent back.
  seedReportDemo,
  // Last: each mission's process asked for (started by the API), the delivered ones' anonymisation days, last year's statistics.
  seedProcessDemo,
];

export async function seedAuditsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  for (const part of PARTS) await part(admin, tenant);
}
