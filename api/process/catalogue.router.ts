import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '../../domain/errors';
import { processMessage } from '../../domain/process/process.messages';
import { activityCatalogue, formCatalogue } from '../../domain/modules/registry';
import type { ActivityDefinition } from '../../domain/process/activity-definition';
import { describeForm } from '../../domain/process/forms';
import { formView } from '../../domain/process/instance.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';

/** What GET /process-catalogue answers. */
export const processCatalogueView = z.object({
  activities: z.array(z.object({ name: z.string(), description: z.object({ fr: z.string(), en: z.string() }), inputs: z.array(z.object({ name: z.string(), required: z.boolean() })) })),
  forms: z.array(formView),
  roles: z.array(z.object({ key: z.string(), labelFr: z.string(), labelEn: z.string() })),
});

export interface CatalogueInput {
  name: string;
  required: boolean;
}

/** The named input fields of an activity (none for one that takes any record, like system.echo). */
export function activityInputs(activity: ActivityDefinition): CatalogueInput[] {
  const input = activity.input;
  if (!(input instanceof z.ZodObject)) return [];
  return Object.entries(input.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    required: !field.safeParse(undefined).success,
  }));
}

/**
 * What the modeler offers: activities for service tasks, registered forms (with the JSON Schema
 * of what each accepts) and the organisation's roles for user tasks.
 */
export function processCatalogueRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('read', 'ProcessDefinition')) {
      throw new ForbiddenError(processMessage('definitions.forbidden-read'));
    }
    const roles = await ctx.trx('roles').select('key', 'labelFr', 'labelEn').orderBy('key');
    return {
      body: {
        activities: activityCatalogue().map((a) => ({ name: a.name, description: a.description, inputs: activityInputs(a) })),
        forms: formCatalogue().map(describeForm),
        roles,
      },
    };
  }));
  return router;
}
