import express from 'express';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { problemHandler } from '../../api/http/problem';
import { knexConfig } from '../../db/knexfile';

/**
 * An exclusion constraint (PostgreSQL's 23P01: two planning entries of one
 * person at once, were the domain's check ever bypassed) is a conflict the
 * caller can fix, not a fault: 409 in French, never 500.
 */
describe('problem+json for an exclusion violation', () => {
  let knex: Knex;
  beforeAll(() => { knex = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1)); });
  afterAll(() => knex.destroy());

  /** The error PostgreSQL really raises for two overlapping periods under an exclusion constraint. */
  async function exclusionViolation(): Promise<unknown> {
    return knex.transaction(async (trx) => {
      await trx.raw('create temp table busy (period tstzrange, exclude using gist (period with &&)) on commit drop');
      await trx.raw("insert into busy values (tstzrange('2026-12-07 14:00+01', '2026-12-07 16:00+01'))");
      return trx.raw("insert into busy values (tstzrange('2026-12-07 15:00+01', '2026-12-07 17:00+01'))").then(() => null, (e: unknown) => e);
    });
  }

  it('answers 409 with a French problem naming the overlap, not 500', async () => {
    const error = await exclusionViolation();
    expect((error as { code?: string }).code).toBe('23P01');
    const app = express();
    app.post('/planned', (_req, _res, next) => next(error));
    app.use(problemHandler);

    const res = await request(app).post('/planned');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, type: 'https://relais.dev/problems/conflict', code: 'error.overlap' });
    expect(res.body.detail).toBe('Cet enregistrement chevauche un autre qui occupe déjà la même période : choisissez une autre période.');

    const english = await request(app).post('/planned').set('Accept-Language', 'en');
    expect(english.body.detail).toMatch(/overlaps another one/);
  });
});
