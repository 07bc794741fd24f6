#!/usr/bin/env bash
# Runs Playwright specs against the built app (npm run build first): scripts/e2e.sh [spec files…]
# The server gets a free port unless E2E_PORT is set.
cd "$(dirname "$0")/.." || exit 1
E2E_PORT="${E2E_PORT:-$(node scripts/lib/free-port.mjs)}" exec e2e/node_modules/.bin/playwright test -c e2e/playwright.config.ts "$@"
