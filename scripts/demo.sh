#!/usr/bin/env bash
# Builds Replyline and shows it working on local copies of the four sites, no account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/ensure-chromium.sh
npx wxt build
bash scripts/build-pages.sh
node scripts/demo.ts "$@"
