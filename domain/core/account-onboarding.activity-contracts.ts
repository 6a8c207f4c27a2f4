import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/**
 * The service tasks of `core.account-onboarding`. Each runs the domain's action for one account
 * and may run again (a retry, a replay) with the same result: reading, checking, naming the owner
 * it was given, composing the welcome mail (sent by `comms.mail.send`, idempotent on its task).
 */
const uuid = z.string().uuid();
const retry = { maximumAttempts: 5 };

export const coreLoadAccount = defineActivity({
  name: 'core.account.load',
  description: { fr: 'Lit le compte : responsable, contacts et sites', en: 'Reads the account: owner, contacts and sites' },
  input: z.object({ accountId: uuid }).strict(),
  output: z.object({
    accountId: uuid, name: z.string(), ownerId: uuid.nullable(), contacts: z.number().int(), sites: z.number().int(), complete: z.boolean(),
  }),
  retry,
});

export const coreCheckLegalIdentity = defineActivity({
  name: 'core.account.check-legal-identity',
  description: {
    fr: "Vérifie l'identité légale du compte (clés du SIREN, du SIRET et de la TVA ; registre des entreprises s'il est branché)",
    en: "Checks the account's legal identity (SIREN, SIRET and VAT keys; the company registry when one is connected)",
  },
  input: z.object({ accountId: uuid }).strict(),
  output: z.object({
    status: z.enum(['consistent', 'incomplete', 'inconsistent']),
    problems: z.array(z.string()),
    registryChecked: z.boolean(),
  }),
  retry,
});

export const coreAppointAccountOwner = defineActivity({
  name: 'core.account.appoint-owner',
  description: { fr: 'Nomme le responsable du compte', en: "Sets the account's owner" },
  input: z.object({ accountId: uuid, ownerId: uuid }).strict(),
  output: z.object({ ownerId: uuid }),
  retry,
});

export const coreComposeWelcome = defineActivity({
  name: 'core.account.compose-welcome',
  description: {
    fr: "Choisit le contact qui a consenti aux e-mails et rédige le message de bienvenue",
    en: 'Picks the contact who consented to mail and writes the welcome message',
  },
  input: z.object({ accountId: uuid }).strict(),
  output: z.object({ contactId: uuid.nullable(), subject: z.string().nullable(), body: z.string().nullable() }),
  retry,
});

export const ACCOUNT_ONBOARDING_ACTIVITIES = [coreLoadAccount, coreCheckLegalIdentity, coreAppointAccountOwner, coreComposeWelcome];
