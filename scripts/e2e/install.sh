#!/usr/bin/env bash
# Installs what the real-editor scripts need into .cache/e2e (git-ignored, reused by later runs):
# Debian's chromium, ripgrep and libkrb5-dev; code-server 4.100.3 (VS Code 1.100.3, the newest
# that runs on Node 20) and playwright-core from npm. Nothing is downloaded outside the npm and
# Debian registries: code-server's ripgrep download is served from a cache made of Debian's rg.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache/e2e"
mkdir -p "$cache"

if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get install -y chromium ripgrep libkrb5-dev >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium ripgrep libkrb5-dev >/dev/null; }
fi

if [[ -x "$cache/node_modules/.bin/code-server" && -d "$cache/node_modules/code-server/lib/vscode/node_modules/node-pty/build" ]]; then
  exit 0
fi

export TMPDIR="$cache/tmp"
mkdir -p "$TMPDIR/rg"
cp "$(command -v rg)" "$TMPDIR/rg/rg"
for version in 1.15.9 1.15.10 1.15.11 1.15.12; do
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$version"
  tar -czf "$TMPDIR/vscode-ripgrep-cache-$version/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg
done

cd "$cache"
# npm 11 runs a dependency's install scripts only when package.json allows them.
cat > package.json <<'JSON'
{ "name": "go-backend-guide-e2e", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
export npm_config_yes=true
npm install --no-save --no-audit --no-fund --ignore-scripts=false --unsafe-perm code-server@4.100.3 playwright-core@1.65.1 >install.log 2>&1 \
  || { tail -30 install.log; exit 1; }
# The first install may skip code-server's postinstall (it builds VS Code's native modules).
if [[ ! -d node_modules/code-server/lib/vscode/node_modules/node-pty/build ]]; then
  npm rebuild code-server --ignore-scripts=false --unsafe-perm >>install.log 2>&1 || { tail -30 install.log; exit 1; }
fi
