import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // Training tests are bounded by their steps, not by the clock: these limits only catch a hang,
    // and leave room for a busy two-core machine (where a 1,500-step run can take minutes).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Browser tests poll the page for what it shows; on a loaded machine that can take seconds, so the
    // default of one second would make them fail on the clock rather than on what they check.
    expect: { poll: { timeout: 60_000, interval: 100 } },
  },
});
