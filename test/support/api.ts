import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { INSTALLED_API_MODULES } from '../../api/installed-modules';
import { lazyTemporalClient } from '../../api/server';
import { knexConfig } from '../../db/knexfile';
import { processDataConverter } from '../../domain/process/payload-codec';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import type { ApiDeps } from '../../api/http/deps';

export const TASK_QUEUE = `relais-test-${process.pid}`;

export interface TestContext {
  app: Express;
  knex: Knex;
  admin: Knex;
  deps: ApiDeps;
  close(): Promise<void>;
}

/** The real app on the real database (as the RLS-bound role), plus an owner connection for fixtures. */
export function testContext(overrides: Partial<ApiDeps> = {}): TestContext {
  const knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 5));
  const admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
  const temporal = lazyTemporalClient(process.env.TEMPORAL_ADDRESS!, 'default', processDataConverter(knex, process.env.RELAIS_SECRET_KEY));
  const deps: ApiDeps = {
    knex,
    auth: { jwtSecret: process.env.JWT_SECRET!, accessTtlSeconds: 900, refreshTtlSeconds: 3600 },
    temporal,
    taskQueue: TASK_QUEUE,
    dataDir: process.env.RELAIS_DATA_DIR!,
    loginRateLimitPer15Min: 10_000,
    modules: INSTALLED_API_MODULES,
    ...overrides,
  };
  const app = createApp(deps);
  return {
    app, knex, admin, deps,
    async close() {
      await knex.destroy();
      await admin.destroy();
      await temporal.close();
    },
  };
}

export async function loginAs(app: Express, role: string, tenant: string): Promise<{ accessToken: string; refreshToken: string; userId: string; tenantId: string }> {
  const res = await request(app).post('/api/v1/auth/login').send({ email: demoEmail(role, tenant), password: DEMO_PASSWORD, tokenTransport: 'body' });
  if (res.status !== 200) throw new Error(`login ${role}@${tenant} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function tenantId(admin: Knex, slug: string): Promise<string> {
  return (await admin('tenants').where({ slug }).first('id')).id;
}

export async function userId(admin: Knex, role: string, tenant: string): Promise<string> {
  return (await admin('users').whereRaw('lower(email) = ?', [demoEmail(role, tenant)]).first('id')).id;
}
