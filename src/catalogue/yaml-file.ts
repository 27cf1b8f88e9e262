import { LineCounter, parseDocument, isNode } from 'yaml';
import { ConfigError } from '../errors.js';

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

export function parseYaml(text: string, file: string): ParsedYaml {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES) throw new ConfigError(`${file}:1: file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB`);
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
