# The Talent Brain CLI and its long-running commands (serve, worker, scheduler) in one image; see
# docker-compose.yml. Build: docker build -t talent-brain:0.1.0 .

# Build stage: the full Debian image has python3, make and g++, for a native addon that has no
# prebuilt binary for the platform (better-sqlite3 and msgpackr-extract ship them for linux-x64
# and arm64). Node 24 LTS, as CI runs.
FROM node:24.22.3-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: same Debian release (the addon links against its glibc), no compilers.
FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production \
    TALENT_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The shipped industries, scoring, skills and demand files that the settings point to by default.
COPY --from=build /app/config ./config
# The web UI is served from its sources (plain ES modules, no build step).
COPY --from=build /app/api/ui ./api/ui
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
ENTRYPOINT ["node", "dist/bin/talent-brain.js"]
CMD ["--help"]
