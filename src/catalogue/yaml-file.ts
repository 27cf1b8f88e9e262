import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { formatBytes } from '../util/bytes.js';
import { ConfigError } from '../util/errors.js';

/** Catalogues are small; anything bigger is a mistake or an attack. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
/** Alias expansion cap: refuses "billion laughs" documents. */
const MAX_ALIASES = 100;

export interface ParsedYaml {
  file: string;
  data: unknown;
  /** 1-based line of the node at a path in the data, or of the document start. */
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * Reads a configuration or catalogue file: a regular file only (a FIFO would hang the run and
 * /dev/zero never ends), and never more than `maxBytes`, checked on the open file itself so a
 * path swapped between a check and the read changes nothing.
 */
export function readRegularFile(file: string, maxBytes: number, what: string): string {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would otherwise wait for ever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ConfigError(`${file}: the ${what} is ${kindOf(info)}, not a regular file`);
    if (info.size > maxBytes) throw new ConfigError(`${file}:1: file is larger than ${formatBytes(maxBytes)}`);
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    // The file grew after fstat: still refused whole.
    if (length > maxBytes) throw new ConfigError(`${file}:1: file is larger than ${formatBytes(maxBytes)}`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${file}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/** A JSON configuration or baseline: invalid JSON is a ConfigError naming the file and the parser's first line. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
}

export function parseYaml(text: string, file: string): ParsedYaml {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES) throw new ConfigError(`${file}:1: file is larger than ${formatBytes(MAX_YAML_BYTES)}`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lineCounter.linePos(firstError.pos[0]).line;
    throw new ConfigError(`${file}:${line}: ${firstError.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    throw new ConfigError(`${file}:1: ${(err as Error).message}`);
  }
  return {
    file,
    data,
    lineOf(path) {
      // Walk up the path until a node with a position is found.
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return 1;
    },
  };
}
