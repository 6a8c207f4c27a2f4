import type { Knex } from 'knex';
import { env, publicUrl } from '../../config/env';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { createCommsActivities, type CommsActivityDeps } from './comms.activities';
import { createDeliveryPorts, type PortOptions } from './comms.ports';

/** What a worker may override (tests: a loopback Twilio, a fixed latency, doubles of the ports). */
export type CommsOverrides = Partial<CommsActivityDeps> & Partial<Omit<PortOptions, 'knex'>>;

/** The comms activities with their dependencies from the process configuration, read once. */
export function commsActivities(knex: Knex, overrides: CommsOverrides = {}) {
  const config = env();
  const ports = overrides.ports ?? createDeliveryPorts({
    knex,
    twilioApiBaseUrl: overrides.twilioApiBaseUrl ?? config.TWILIO_API_BASE_URL,
    sandboxLatencyMs: overrides.sandboxLatencyMs ?? config.COMMS_SANDBOX_LATENCY_MS,
    smtpAllowSelfSigned: overrides.smtpAllowSelfSigned ?? config.NODE_ENV !== 'production',
  });
  return createCommsActivities({
    knex,
    ports,
    // Lazily: a worker without RELAIS_SECRET_KEY still serves tenants that use only the sandboxes.
    box: overrides.box ?? { seal: (p, c) => defaultSecretBox().seal(p, c), open: (s, c) => defaultSecretBox().open(s, c) },
    publicUrl: overrides.publicUrl ?? publicUrl(config),
  });
}
