import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes a report whole or not at all: to a temporary file beside the target, then renamed
 * over it. Refuses to write over any of the run's input files.
 */
export async function writeReportFile(target: string, content: string | Uint8Array, inputs: readonly string[]): Promise<void> {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const targetReal = real(target);
  if (inputs.some((input) => real(input) === targetReal)) {
    throw new Error(`${target}: refusing to write a report over an input file`);
  }
  const temp = join(dirname(resolve(target)), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`${target}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
