# wizer-action as a container image: the `wizer`-compatible CLI by default, the GitHub Action entry
# when WIZER_MODE=action (container/action.yml sets it). Only the bundled dist/ and a small entry
# point are copied in: the bundles need nothing but Node at run time.
#
# BASE_IMAGE defaults to the Node release the repository itself uses (.node-version) on Debian
# bookworm slim. The publishing workflow may pass it pinned by digest; the local test passes a
# registry-free bookworm + Node base of its own (see docs/container.md).
ARG BASE_IMAGE=node:24.21.0-bookworm-slim
FROM ${BASE_IMAGE}

# zstd makes @actions/cache compress as it does on hosted runners, so entries saved by this image
# and by the JavaScript action are interchangeable; ca-certificates is for the TLS services.
# `wizer` on PATH is the CLI, for CI systems that run a shell script in the image (GitLab, Jenkins).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates zstd \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /opt/wizer-action/dist/cli.js /usr/local/bin/wizer

COPY container/entrypoint.mjs /opt/wizer-action/entrypoint.mjs
COPY dist/ /opt/wizer-action/dist/

ARG VERSION=0.0.0-dev
ARG SOURCE_URL=https://github.com/OWNER/wizer-action
LABEL org.opencontainers.image.title="wizer-action" \
      org.opencontainers.image.description="WebAssembly pre-initializer (Wizer-compatible) on Node's V8: CLI and GitHub Docker action" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}"

ENV WIZER_MODE=cli

# Exec form with absolute paths, no shell in between. Deliberately no USER and no WORKDIR: a
# Docker action must run as root in the workspace the runner mounts at /github/workspace, and
# `docker run -w` chooses the directory for CLI use. The base image's CMD is cleared so that a
# bare run passes no extra arguments. The V8 flags are the ones of dist/cli.js's `#!` line
# (baseline-compiled Wasm, small young generation: less memory for a one-shot initialization;
# lazy validation of code already validated in full).
ENTRYPOINT ["/usr/local/bin/node", "--liftoff-only", "--max-semi-space-size=1", "--wasm-lazy-validation", "/opt/wizer-action/entrypoint.mjs"]
CMD []
