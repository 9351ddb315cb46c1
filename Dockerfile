# syntax=docker/dockerfile:1.7
# The serving image: the production build of apps/serving (bundled JS, workspace libs inlined) on a
# glibc Node LTS (onnxruntime-node ships glibc binaries only), production dependencies only,
# non-root, tini as PID 1 so SIGTERM reaches Node and the service drains before it exits.
#
#   docker build -t modelship:local .
#   docker run --rm -p 8080:443 -e MODEL_REGISTRY=azblob://<account>/models modelship:local
#
# The model comes from the registry at start (MODEL_REGISTRY, MODEL_NAME, MODEL_STAGE or
# MODEL_VERSION as environment), or is baked in at build time from any registry the build can
# reach; for azblob:// pass the connection string as a build secret:
#   docker build --build-arg MODEL_REGISTRY=azblob://<account>/models --build-arg MODEL_NAME=churn \
#     --build-arg MODEL_VERSION=3 --secret id=azure_storage_connection_string,env=CONN .
# A baked model is verified again at start (every sha256) and served from MODEL_DIR=/app/model.
ARG NODE_IMAGE=node:22.20.0-bookworm-slim

# --- build: install the workspace, build serving, optionally fetch the model ---
FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY package.json package-lock.json .npmrc ./
COPY apps ./apps
COPY libs ./libs
COPY packages ./packages
COPY nx.json tsconfig.base.json params.yaml ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npx nx run serving:build
ARG MODEL_REGISTRY=""
ARG MODEL_NAME=""
ARG MODEL_VERSION=""
ARG MODEL_STAGE="production"
RUN --mount=type=secret,id=azure_storage_connection_string \
    mkdir -p /workspace/model && \
    if [ -n "$MODEL_REGISTRY" ]; then \
      if [ -f /run/secrets/azure_storage_connection_string ]; then \
        export AZURE_STORAGE_CONNECTION_STRING="$(cat /run/secrets/azure_storage_connection_string)"; \
      fi; \
      if [ -n "$MODEL_VERSION" ]; then SELECT="--version=$MODEL_VERSION"; else SELECT="--stage=$MODEL_STAGE"; fi; \
      node --import tsx libs/model-registry/src/cli.ts fetch "${MODEL_NAME:?set MODEL_NAME with MODEL_REGISTRY}" \
        --registry="$MODEL_REGISTRY" "$SELECT" --dest=/workspace/model --force; \
    fi

# --- prod-deps: only the packages the bundles import, from the pruned lockfile ---
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /workspace/dist/apps/serving/package.json /workspace/dist/apps/serving/package-lock.json /workspace/dist/apps/serving/.npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime ---
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /workspace/dist/apps/serving ./
COPY --from=build --chown=node:node /workspace/model ./model
ARG MODEL_REGISTRY=""
# Azure Web App for Containers routes to the container on WEBSITES_PORT=443; TLS ends at the App
# Service front end, so the container speaks plain HTTP on 443. Binding 443 as the non-root user
# works because Docker sets net.ipv4.ip_unprivileged_port_start=0 inside the container (Docker
# 20.10+); on Kubernetes, set PORT=8080 or the same sysctl in the pod's securityContext.
ENV NODE_ENV=production \
    PORT=443 \
    HOST=0.0.0.0 \
    MODEL_CACHE_DIR=/tmp/modelship/models \
    MODEL_DIR=${MODEL_REGISTRY:+/app/model}
EXPOSE 443
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 443) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "main.js"]
