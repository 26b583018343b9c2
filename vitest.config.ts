import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Two test files at a time. Vitest's default is one worker fewer than the CPUs, which on CI's two cores ran the
    // suite one file at a time: 439 s of vitest against 320–324 s with two (2026-11-29, the same fresh clone, all
    // 2,814 tests). The files share nothing (each PostgreSQL test makes its own schema; servers, IMDS endpoints and
    // data directories take free ports and fresh temporary directories), and a test sharing the machine with another
    // file runs up to about 1.5 times as long, hence the 60 s default timeout (the AWS CLI tests set their own).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
