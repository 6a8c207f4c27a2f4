import type { AlumniNetworkPort } from './alumni-network.port';
import { createAlumnetAdapter } from './alumnet.adapter';
import { createSandboxAlumniNetwork, type SandboxMemberStore, type SandboxSettings } from './sandbox.adapter';

/** Which alumni network a school is connected to (its Alumnet connection settings, secrets opened). */
export type AlumniNetworkConfig =
  | { provider: 'sandbox'; store: SandboxMemberStore; settings?: SandboxSettings }
  | { provider: 'alumnet'; baseUrl: string; apiKey: string; timeoutMs?: number; sleep?: (ms: number) => Promise<void> };

function unreachable(value: never): never {
  throw new Error(`Unknown alumni network ${JSON.stringify(value)}`);
}

/** The adapter for a configuration (STYLE §8: an exhaustive switch). */
export function createAlumniNetwork(config: AlumniNetworkConfig): AlumniNetworkPort {
  switch (config.provider) {
    case 'sandbox':
      return createSandboxAlumniNetwork(config.store, config.settings);
    case 'alumnet':
      return createAlumnetAdapter({ baseUrl: config.baseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs, sleep: config.sleep });
    default:
      return unreachable(config);
  }
}
