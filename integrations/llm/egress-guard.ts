import dns from 'node:dns';
import net from 'node:net';

/**
 * The assistant's egress guard (docs/adr/0037-local-assistant.md): nothing the auditors capture leaves the
 * company. Before any connection, the model server's host name is resolved (every address) and refused
 * unless each address is loopback or a private network; the connection is then made to the checked address
 * itself (pinned-fetch.ts), so a second, different DNS answer (rebinding) cannot send it elsewhere.
 * An administrator may explicitly allow a public host (audited, assistant settings): then any address passes.
 *
 * Allowed: 127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, ::1, fc00::/7 (unique local).
 * Refused although not public: link-local (169.254.0.0/16, fe80::/10: the cloud metadata endpoint lives
 * there), the unspecified address, carrier-grade NAT (100.64.0.0/10: the operator's network, not ours).
 */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (dns.lookup with `all`: what the system's resolver answers). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type EgressRefusal = 'invalid-host' | 'unresolved' | 'public-address';

/** The host was refused before any connection; `reason` says why (the caller words it for people). */
export class EgressRefusedError extends Error {
  constructor(readonly reason: EgressRefusal, readonly hostname: string) {
    super(`The assistant's host ${hostname} was refused (${reason}): only loopback and private networks are allowed.`);
  }
}

const PRIVATE = new net.BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  const kind = net.isIP(address);
  if (kind === 4) return { address, family: 'ipv4' };
  if (kind === 6) return { address, family: 'ipv6' };
  return null;
}

/** Whether one address is loopback or on a private network (pure). */
export function isPrivateAddress(address: string): boolean {
  const ip = unmapped(address);
  return ip !== null && PRIVATE.check(ip.address, ip.family);
}

export interface EgressTarget {
  url: URL;
  hostname: string;
  /** The address every connection goes to (the first the resolver answered, all of them checked). */
  pinned: ResolvedAddress;
}

export interface EgressOptions {
  resolver?: Resolver;
  /** An administrator allowed a public host (assistant settings, audited). */
  allowPublic?: boolean;
}

/** The host as Ollama's settings take it (`127.0.0.1:11434`, `http://ollama.lan:11434`) as a URL; null when it is not one. */
export function hostUrl(host: string): URL | null {
  const trimmed = host.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    if (!url.port) url.port = url.protocol === 'https:' ? '443' : '11434';
    return url;
  } catch {
    return null;
  }
}

/**
 * Checks a host before any connection: every address it resolves to must be private (unless allowed);
 * answers the address to pin the connection to. Throws EgressRefusedError otherwise.
 */
export async function checkEgress(host: string, options: EgressOptions = {}): Promise<EgressTarget> {
  const url = hostUrl(host);
  if (!url) throw new EgressRefusedError('invalid-host', host);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (net.isIP(hostname)) addresses = [{ address: hostname, family: net.isIP(hostname) === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (options.resolver ?? systemResolver)(hostname);
    } catch {
      throw new EgressRefusedError('unresolved', hostname);
    }
  }
  if (addresses.length === 0) throw new EgressRefusedError('unresolved', hostname);
  if (!options.allowPublic && !addresses.every((a) => isPrivateAddress(a.address))) throw new EgressRefusedError('public-address', hostname);
  return { url, hostname, pinned: addresses[0]! };
}
