/**
 * A field message of the API, shown under its field: the API writes it in the interface's
 * language (the client sends it as Accept-Language; docs/adr/0010-server-messages.md), phrased
 * to follow the field's name (« doit faire au plus 200 caractères »), so it only gets a capital.
 */
export function fieldMessage(message: string): string {
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}
