import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Component tests drive the DOM with user-event; on two busy cores (the API suite runs
    // beside them in CI) one can pass 5 s without anything being wrong.
    testTimeout: 20_000,
  },
});
