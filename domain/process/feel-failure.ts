import type { FeelError, FeelReason } from '../../kernel/process/feel';
import { Message, type Text } from '../i18n/messages';
import { messageCatalogue } from '../modules/registry';

/**
 * Why an expression, a decision or an activity gave no result, as the reader's language says
 * it: the kernel, the engine and activities raise their reasons as codes (kernel/process/feel.ts
 * FeelReason) that the modules' catalogues write (`decision.*`, `incident.*`…); a reason
 * without an entry keeps the log text.
 */
export function reasonMessage(reason: FeelReason | null | undefined, fallback: string): Text {
  const entry = reason ? messageCatalogue()[reason.code] : undefined;
  return entry ? new Message(reason!.code, reason!.params, entry) : fallback;
}

export function feelFailure(error: FeelError): Text {
  return reasonMessage(error.reason, error.message);
}
