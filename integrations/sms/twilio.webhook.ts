import twilio from 'twilio';

/**
 * Checks X-Twilio-Signature: HMAC-SHA1 of the full public URL plus the sorted
 * POST parameters, keyed by the account's auth token (Twilio's own validator).
 */
export function isTwilioSignatureValid(authToken: string, signature: string | undefined, url: string, params: Record<string, unknown>): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** What Twilio expects in answer to an inbound SMS when we have nothing to reply. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
