import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { ConfigError } from '../util/errors.js';

/** `<!-- sg-audit-disable online-safety, prevent-duty: covered by our online safety policy -->` in a Markdown policy. */
export interface InlineDirective {
  ids: string[];
  reason: string;
  /** 1-based line of the directive in the file. */
  line: number;
}

// Bounded repetitions: a file full of unclosed "<!-- sg-audit-disable" cannot make this slow.
const DIRECTIVE = /<!--\s{0,20}sg-audit-disable\b([^>]{0,600}?)-->/g;
/** Longer lines are prose or data, not a directive someone wrote by hand. */
const MAX_LINE = 64 * 1024;

export function mayHoldDirectives(path: string): boolean {
  return ['.md', '.markdown'].includes(extname(path).toLowerCase());
}

/**
 * The inline suppressions a Markdown policy holds, read line by line as a stream (so a big file
 * stays in bounded memory). A directive without ids or without a reason is a usage error, as a
 * waiver without them would be.
 */
export async function readDirectives(path: string): Promise<InlineDirective[]> {
  const found: InlineDirective[] = [];
  let pending = '';
  let line = 1;
  let skipping = false;
  const scan = (text: string, at: number) => {
    if (!text.includes('sg-audit-disable')) return;
    for (const m of text.matchAll(DIRECTIVE)) found.push(parseDirective(m[1] ?? '', path, at));
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
      const parts = (pending + (chunk as string)).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) {
        if (!skipping) scan(part, line);
        skipping = false;
        line++;
      }
      if (pending.length > MAX_LINE) {
        pending = '';
        skipping = true;
      }
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    return found; // unreadable: the audit reports it, naming the file
  }
  if (!skipping) scan(pending, line);
  return found;
}

function parseDirective(body: string, path: string, line: number): InlineDirective {
  const colon = body.indexOf(':');
  const ids = (colon < 0 ? body : body.slice(0, colon)).split(/[\s,]+/).filter(Boolean);
  const reason = colon < 0 ? '' : body.slice(colon + 1).trim();
  if (!ids.length) throw new ConfigError(`${path}:${line}: sg-audit-disable names no requirement id`);
  if (!reason) throw new ConfigError(`${path}:${line}: sg-audit-disable ${ids.join(', ')} needs a reason after a colon, e.g. "<!-- sg-audit-disable ${ids[0]}: covered by … -->"`);
  return { ids, reason, line };
}
