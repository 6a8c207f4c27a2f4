/**
 * Replies that stop or restart SMS. French operators' convention is "STOP"
 * (often "STOP SMS" or "STOP au 36xxx"); people also write ARRET, ARRÊT,
 * DESABONNER… Matching ignores case, accents, surrounding punctuation and a
 * trailing "SMS", and the whole reply must be the keyword: "Stop, à demain !"
 * is a message, not an opt-out… except that a reply starting with STOP is
 * treated as one, as operators do.
 */
export const STOP_KEYWORDS = ['STOP', 'STOPALL', 'ARRET', 'ARRETER', 'DESABONNER', 'DESINSCRIRE', 'DESINSCRIPTION', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT'] as const;
export const START_KEYWORDS = ['START', 'UNSTOP', 'REPRENDRE', 'ABONNER'] as const;

export type OptKeyword = { action: 'stop' | 'start'; keyword: string } | null;

export function normaliseReply(body: string): string {
  return body
    .normalize('NFD').replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function detectOptKeyword(body: string): OptKeyword {
  const words = normaliseReply(body).split(' ').filter(Boolean);
  if (!words.length) return null;
  const joined = words.join('');
  // "STOP SMS", "OPT OUT", "UN SUBSCRIBE": one keyword written in two words.
  const whole = words.length <= 2 ? [joined, words.filter((w) => w !== 'SMS').join('')] : [];
  for (const candidate of whole) {
    if ((STOP_KEYWORDS as readonly string[]).includes(candidate)) return { action: 'stop', keyword: candidate };
    if ((START_KEYWORDS as readonly string[]).includes(candidate)) return { action: 'start', keyword: candidate };
  }
  if (words[0] === 'STOP') return { action: 'stop', keyword: 'STOP' };
  return null;
}
