/**
 * V8 flags the API's Node process runs with (scripts/start.ts passes them, the
 * Dockerfile's CMD writes them out, and api/cluster.ts's workers inherit them).
 * A young generation of 64 MB per semi-space instead of 16: a 50-row list
 * allocates about 100 kB, and the scavenges of the default size took 13 % of
 * the API's CPU; with 64 MB the API spent 4–5 % less CPU per list
 * (docs/performance.md, « API hot path (2026-12-04) »).
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
