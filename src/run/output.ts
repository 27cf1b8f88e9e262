import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A report being written: chunks in order, then close (it appears whole) or abort (it never appears). */
export interface ReportWriter {
  /** Text (UTF-8) or bytes (a DOCX report). */
  write(text: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Files a report must never replace: the run's inputs, its catalogue (a file or a folder's files) and its configuration. */
export interface Protected {
  inputs: readonly string[];
  others?: readonly (string | undefined)[];
}

/** Chunks are gathered up to this size before a write: thousands of small rows, few system calls. */
const WRITE_CHUNK = 64 * 1024;

/**
 * Opens a report file. A new or regular file is written to a temporary file beside it and
 * renamed over it on close, so it is whole or absent. A character device or FIFO the user
 * named (`-o /dev/null`, a named pipe) is written straight to, as a stream, and stays what it
 * is. Anything else (a symbolic link, a folder, a block device, a socket) is refused, and so
 * is any of the run's inputs, its catalogue or its configuration.
 */
export async function openReportFile(target: string, protect: Protected): Promise<ReportWriter> {
  if (checkReportTarget(target, protect) === 'stream') return streamTo(target);
  const temp = join(dirname(resolve(target)), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx').catch((err: unknown) => {
    throw cannotWrite(target, err);
  });
  return buffered(handle, target, {
    async finish() {
      await rename(temp, target);
    },
    async discard() {
      await unlink(temp).catch(() => undefined);
    },
  });
}

/**
 * Checks a report path before anything is audited (a long batch should not end in a refusal):
 * throws if it may not be written, else says how it will be.
 */
export function checkReportTarget(target: string, protect: Protected): 'stream' | 'replace' {
  let info: Stats | undefined;
  try {
    info = lstatSync(target);
  } catch {
    info = undefined; // a new file
  }
  if (info?.isSymbolicLink()) throw new Error(`${target}: refusing to replace a symbolic link with a report (name the file it points to)`);
  if (info && (info.isCharacterDevice() || info.isFIFO())) return 'stream';
  if (info && !info.isFile()) throw new Error(`${target}: refusing to write a report over ${kind(info)}`);
  const why = protectedReason(target, info, protect);
  if (why) throw new Error(`${target}: refusing to write a report over ${why}`);
  return 'replace';
}

/** Writes a whole report at once (see openReportFile). */
export async function writeReportFile(target: string, content: string | Uint8Array, protect: Protected | readonly string[]): Promise<void> {
  const writer = await openReportFile(target, Array.isArray(protect) ? { inputs: protect } : (protect as Protected));
  await writeThenClose(writer, (w) => w.write(content));
}

/** Writes through the writer, then closes it; a failed write aborts it instead (a file is left as it was). */
export async function writeThenClose(writer: ReportWriter, write: (writer: ReportWriter) => Promise<void>): Promise<void> {
  try {
    await write(writer);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}

/**
 * A report on standard output, written as it comes and waiting for the reader (flat memory).
 * A reader that stops early (`| head`) is no failure: the rest is dropped and the run goes on to
 * its own exit status. Any other failed write (a full disk) is an error, reported with exit 2.
 */
export function stdoutWriter(stream: NodeJS.WritableStream & { writableLength?: number; destroyed?: boolean } = process.stdout): ReportWriter {
  let failure: Error | undefined;
  let gone = false;
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') gone = true;
    else failure ??= new Error(`cannot write the report to standard output (${err.code ?? err.message})`);
  };
  stream.on('error', onError);
  const check = () => {
    if (failure) throw failure;
  };
  const settled = () =>
    new Promise<void>((done) => {
      const finish = () => {
        stream.off('drain', finish).off('error', finish).off('close', finish);
        done();
      };
      stream.once('drain', finish).once('error', finish).once('close', finish);
    });
  return {
    async write(text) {
      check();
      if (gone || stream.destroyed) return;
      if (!stream.write(text)) await settled();
      check();
    },
    async close() {
      // Everything handed to the system, so a full disk shows here rather than after exit.
      if (!gone && !stream.destroyed && (stream.writableLength ?? 0) > 0) await settled();
      check();
    },
    async abort() {},
  };
}

/** A device or FIFO: opened for writing without creating or replacing anything. */
async function streamTo(target: string): Promise<ReportWriter> {
  const handle = await open(target, 'w').catch((err: unknown) => {
    throw cannotWrite(target, err);
  });
  return buffered(handle, target, { async finish() {}, async discard() {} });
}

function buffered(handle: FileHandle, target: string, end: { finish(): Promise<void>; discard(): Promise<void> }): ReportWriter {
  let pending: Buffer[] = [];
  let size = 0;
  let closed = false;
  const flush = async () => {
    if (!pending.length) return;
    const text = Buffer.concat(pending);
    pending = [];
    size = 0;
    await handle.write(text);
  };
  const fail = async (err: unknown): Promise<never> => {
    await abort();
    throw cannotWrite(target, err);
  };
  const abort = async () => {
    if (closed) return;
    closed = true;
    pending = [];
    await handle.close().catch(() => undefined);
    await end.discard();
  };
  return {
    async write(text) {
      const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
      pending.push(chunk);
      size += chunk.length;
      if (size >= WRITE_CHUNK) await flush().catch(fail);
    },
    async close() {
      try {
        await flush();
        await handle.close();
        closed = true;
        await end.finish();
      } catch (err) {
        await fail(err);
      }
    },
    abort,
  };
}

function cannotWrite(target: string, err: unknown): Error {
  return new Error(`${target}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
}

function kind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'something that is not a regular file';
}

/** What the target is, if it is one of the files the run reads: compared by real path and by inode (hard links). */
function protectedReason(target: string, info: Stats | undefined, protect: Protected): string | undefined {
  const targetReal = real(target);
  const same = (path: string) => {
    if (real(path) === targetReal) return true;
    if (!info) return false;
    try {
      const other = statSync(path);
      return other.ino === info.ino && other.dev === info.dev;
    } catch {
      return false;
    }
  };
  if (protect.inputs.some(same)) return 'an input file';
  for (const path of protect.others ?? []) {
    if (!path) continue;
    if (same(path)) return 'the catalogue or configuration it reads';
    if (isFolder(path) && dirname(targetReal) === real(path) && folderFiles(path).some(same)) return 'a catalogue file it reads';
  }
  return undefined;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function folderFiles(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}
