#!/usr/bin/env bash
# Builds the local site pages' editor apps (real Draft.js and friends) into test/pages/dist.
set -euo pipefail
npx vite build --config test/pages/vite.config.ts --logLevel warn
