import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/**
 * The erasure's service tasks in `gdpr.rights-request` (docs/adr/0027-erasure.md): the request's id only
 * travels through the engine; the report stays in the database.
 */
const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };

export const gdprRequestErase = defineActivity({
  name: 'gdpr.request.erase',
  description: {
    fr: 'Efface la personne (opérateurs déclarés, partout), garde chiffrées les valeurs d’origine pour le délai d’annulation, puis répond à la demande avec le rapport ; refuse si un gel légal s’applique',
    en: 'Erases the person (declared operators, everywhere), keeps the original values sealed for the undo window, then answers the request with the report; refuses under a legal hold',
  },
  input: z.object({ requestId: uuid }).strict(),
  output: z.object({
    /** False when a legal hold refused it: the officer answers (refuses with the reason recorded on the request). */
    erased: z.boolean(),
    undoUntil: instant.nullable(),
    rows: z.number().int(),
  }),
  retry,
  timeoutMs: 120_000,
});

export const gdprRequestCloseUndoWindow = defineActivity({
  name: 'gdpr.request.close-undo-window',
  description: {
    fr: 'Le délai d’annulation est écoulé : détruit les valeurs d’origine chiffrées, l’effacement devient définitif',
    en: 'The undo window has closed: destroys the sealed original values, the erasure becomes final',
  },
  input: z.object({ requestId: uuid, firedFor: instant }).strict(),
  output: z.object({ destroyed: z.boolean() }),
  retry,
});

export const ERASURE_ACTIVITIES = [gdprRequestErase, gdprRequestCloseUndoWindow];
