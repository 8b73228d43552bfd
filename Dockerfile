# qb-bitrix24-connector: the service only (no emulators, no tests at run time).
#   docker build -t qb-bitrix24-connector .
#   docker run -d -p 8080:8080 -v qbb24-data:/data -e PUBLIC_URL=https://connector.example.com \
#     -e BITRIX24_WEBHOOK_URL=https://portal.bitrix24.com/rest/1/xxxx/ qb-bitrix24-connector
# Generated secrets (qbwc-password.secret, admin-token.secret), the SQLite database and qwc/connector.qwc
# are written to the /data volume.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 13 ships its prebuilt binaries (linux x64/arm64, glibc and musl) in the npm package, but npm still
# runs its `node-gyp rebuild`, which compiles nothing and needs python3, make and Node's headers to get there: the
# headers this image already has (/usr/local/include/node), not a download from nodejs.org.
ENV npm_config_nodedir=/usr/local
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Manifests first, so the dependency layer is cached until they change. Every workspace's
# package.json must be present for `npm ci` to accept the lock file.
COPY package.json package-lock.json .npmrc ./
COPY libs/qbxml/package.json libs/qbxml/
COPY libs/qbwc-soap/package.json libs/qbwc-soap/
COPY libs/bitrix24-client/package.json libs/bitrix24-client/
COPY libs/sync-core/package.json libs/sync-core/
COPY test/emulators/quickbooks/package.json test/emulators/quickbooks/
COPY test/emulators/bitrix24/package.json test/emulators/bitrix24/
COPY test/emulators/qbwc-driver/package.json test/emulators/qbwc-driver/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY apps/ apps/
# Build the service and the libraries it references, nothing else; then drop dev dependencies.
RUN npx tsc -b apps/connector \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf test apps/connector/src libs/*/src

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps ./apps
# The image's `node` user (uid 1000) owns only the data volume; the code stays read-only to it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# main.js writes qwc/connector.qwc and reads .env relative to the working directory: keep both on the volume.
WORKDIR /data
EXPOSE 8080
# /health answers 200 while the service can work (also "degraded", e.g. Bitrix24 not configured yet), 503 when not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# --max-semi-space-size=8: short-lived objects die young instead of waiting for a full GC that stops every Web
# Connector call (README "Memory", apps/connector/src/common/heap-mode.ts); npm start and the Windows service pass it too.
CMD ["node", "--max-semi-space-size=8", "/app/apps/connector/dist/main.js"]
