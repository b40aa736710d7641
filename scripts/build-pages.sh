#!/usr/bin/env bash
# Builds the local site pages' editor apps (real Draft.js, Lexical, TipTap, React) into test/pages/dist.
set -euo pipefail
rm -rf test/pages/dist
for entry in x-composer editors; do
  PAGE_ENTRY=$entry npx vite build --config test/pages/vite.config.ts --logLevel warn
done
