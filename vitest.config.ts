import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the real binary; on a loaded 2-core machine a run can take seconds.
    testTimeout: 60_000,
  },
});
