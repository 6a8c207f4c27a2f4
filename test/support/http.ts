import type { Express } from 'express';
import request from 'supertest';

/** Requests to the app as the holder of a token. */
export function asUser(app: Express, token: string) {
  return {
    get: (url: string) => request(app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: unknown = {}) => request(app).post(url).set('Authorization', `Bearer ${token}`).send(body as object),
    del: (url: string) => request(app).delete(url).set('Authorization', `Bearer ${token}`),
    /** With `ifMatch`, the version the change is based on (`"3"`, `*`). */
    put: (url: string, body: unknown, ifMatch?: string) => {
      const r = request(app).put(url).set('Authorization', `Bearer ${token}`);
      return (ifMatch ? r.set('If-Match', ifMatch) : r).send(body as object);
    },
  };
}

/** Polls until the probe answers something (every 100 ms, 20 s at most). */
export async function eventually<T>(probe: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
