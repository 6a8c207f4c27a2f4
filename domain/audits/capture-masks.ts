/**
 * How lists show the encrypted fields of the capture (ADR 0035): enough to recognise an item on a
 * tablet, never the value. The detail answers them in clear to those who may read the mission.
 */
const DOT = '•';

/** A serial: its last four characters (`••••4821`), nothing of one of four characters or fewer. */
export function maskSerial(value: string | null): string | null {
  if (value === null) return null;
  const tail = value.length > 4 ? value.slice(-4) : '';
  return `${DOT.repeat(4)}${tail}`;
}

/**
 * A network address: an IPv4 keeps its first two bytes (`10.0.••.••`), an IPv6 its first group
 * (`fe80:••••`), a MAC its vendor's half (`00:1a:2b:••:••:••`), a name its first label's initial.
 */
export function maskNetworkAddress(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}(\/\d{1,2})?$/.exec(v);
  if (ipv4) return `${ipv4[1]}.${ipv4[2]}.${DOT.repeat(2)}.${DOT.repeat(2)}`;
  const mac = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})([:-][0-9a-f]{2}){3}$/i.exec(v);
  if (mac) return `${mac[1]}:${mac[2]}:${mac[3]}:${DOT.repeat(2)}:${DOT.repeat(2)}:${DOT.repeat(2)}`;
  if (v.includes(':')) return `${v.split(':')[0]}:${DOT.repeat(4)}`;
  return `${v.slice(0, 1)}${DOT.repeat(5)}`;
}

/** A person's name or a free text: nothing but that there is one. */
export function maskText(value: string | null): string | null {
  return value === null ? null : DOT.repeat(6);
}
