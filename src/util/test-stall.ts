/**
 * Tests only: spins synchronously, as a pathological input or a page that takes too long would,
 * so the tests can show the caller stops it and cleans up. Nothing happens unless the environment
 * variable is set and, when a path is given, the path holds its value.
 */
export function stallForTests(variable: 'SG_AUDIT_TEST_STALL' | 'SG_AUDIT_TEST_STALL_OCR', path?: string): void {
  const marker = process.env[variable];
  if (!marker || (path !== undefined && !path.includes(marker))) return;
  for (;;) {
    // busy: only terminating the worker ends this
  }
}
