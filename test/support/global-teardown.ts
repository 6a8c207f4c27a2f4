interface Stoppable { stop(): Promise<void> }

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as Record<string, unknown>).__relaisServices as { pg: Stoppable; temporal: Stoppable } | undefined;
  if (!services) return;
  await services.temporal.stop();
  await services.pg.stop();
}
