import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';

/**
 * A client's machine (spec 003: the RMM's place, issue 14): registered by hand now, kept up to date
 * by the RMM agent later (agent version, heartbeat and inventory dates are the agent's to write).
 */
const editable = {
  hostname: requiredText(253),
  siteId: uuid.nullable().optional(),
  osName: optionalText(200),
  cpuModel: optionalText(200),
  ramTotalMb: z.number().int().min(1).max(64 * 1024 * 1024).nullable().optional(),
};

export const machineCreate = z.object({ accountId: uuid, ...editable }).strict();
export const machineUpdate = z.object(editable).partial().strict();

export const machine = z.object({
  ...recordMeta,
  accountId: z.string().uuid(),
  accountName: z.string(),
  hostname: z.string(),
  siteId: z.string().uuid().nullable(),
  siteName: z.string().nullable(),
  osName: z.string().nullable(),
  cpuModel: z.string().nullable(),
  ramTotalMb: z.number().int().nullable(),
  agentVersion: z.string().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  lastInventoryAt: z.string().nullable(),
  /** Tickets of the machine neither resolved nor closed. */
  openTickets: z.number().int(),
});
