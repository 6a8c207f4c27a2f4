-- Schema changes proposed in docs/performance.md, applied by the benchmark only
-- when asked:  BENCH_SETUP_SQL=bench/api/proposed-fixes.sql npm run bench
-- They are not migrations: the application's schema is unchanged.

-- 1. Filtered lists: an index per filter the account list offers (resources.ts)
--    in the order it sorts by, so a page reads 51 index entries instead of
--    sorting every matching row of the tenant.
create index if not exists bench_accounts_status_updated on accounts (tenant_id, status, updated_at, id);
create index if not exists bench_accounts_updated on accounts (tenant_id, updated_at, id);
create index if not exists bench_accounts_city on accounts (tenant_id, city, name, id);

-- 2. Search under row-level security: PostgreSQL evaluates a query's own
--    conditions after the policy's (tenant_id = app_tenant_id()) unless every
--    function they apply to a column is LEAKPROOF. None of these is, so the
--    GIN indexes on search/name are never used for the application role: each
--    search reads all the tenant's rows. Superuser only.
alter function ts_match_vq(tsvector, tsquery) leakproof;   -- @@
alter function textlike(text, text) leakproof;              -- like
alter function similarity_op(text, text) leakproof;         -- % (pg_trgm)
alter function lower(text) leakproof;
alter function f_unaccent(text) leakproof;
alter function unaccent(regdictionary, text) leakproof;
alter function textcat(text, text) leakproof;               -- ||
