import { UNSAFE_CHARS } from './unsafe-chars.js';

/**
 * An input the tool cannot audit: a missing, empty, corrupt, encrypted or unsupported file.
 * The message is the reason only; the CLI prefixes the file name, so it prints as one line.
 */
export class InputError extends Error {
  constructor(
    message: string,
    /** 'unreadable' when the file opened but holds no text to audit; 'error' otherwise. */
    readonly kind: 'error' | 'unreadable' = 'error',
  ) {
    // Reasons may quote the file (a ZIP entry name, a parser's message): one line, no escapes.
    // eslint-disable-next-line no-control-regex
    super(message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim());
    this.name = 'InputError';
  }
}

/** A catalogue or configuration that is not valid: reported as `file:line: message`. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

// A message is one line, so tab and line feed are unsafe in a name too.
const UNSAFE_IN_NAME = new RegExp(`[\\t\\n${UNSAFE_CHARS}]`, 'g');

/**
 * A name from outside (a file name, a requirement id) as it may be printed in a message: control
 * characters and bidirectional marks, which could break the line or disguise it, become "?".
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_IN_NAME, '?');
}
