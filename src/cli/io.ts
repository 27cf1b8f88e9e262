/** A stream the CLI writes to: process.stdout in a real run, a string buffer in a test. */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; writableLength?: number; destroyed?: boolean };

/** Everything the CLI takes from its process, injected (the markdownlint-cli2 shape), so it can run in-process. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
