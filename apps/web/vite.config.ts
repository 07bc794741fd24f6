import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * GET routes the logging journey needs offline (session, centres, activity catalogue, today's
 * groups with rosters, today's entries). Network first, the cached copy only without network;
 * cleared at sign-out and sign-in (lib/offline/api-cache.ts), and never older than 18 hours,
 * so cached personal data stays the pseudonymous rosters of the user's centres for today.
 * (The matcher is copied into the service worker as source: it must not use outer names.)
 */
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // A same-origin script file, not an inline snippet: the CSP forbids inline scripts.
      injectRegister: 'script',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Begegnung',
        short_name: 'Begegnung',
        description: 'Begegnungen in den Stadtteilzentren erfassen – auch ohne Netz',
        lang: 'de',
        start_url: '/today',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0f5468',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.origin === self.location.origin &&
              /^\/api\/(auth\/session|centres|activities|groups|encounters)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'begegnung-api',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 60, maxAgeSeconds: 18 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
});
