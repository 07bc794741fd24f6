#!/usr/bin/env bash
# Runs Playwright specs against the built app (npm run build first): scripts/e2e.sh [spec files…]
cd "$(dirname "$0")/.." && exec e2e/node_modules/.bin/playwright test -c e2e/playwright.config.ts "$@"
