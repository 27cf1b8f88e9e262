/**
 * Characters that must never reach a terminal or a report raw: C0 controls but tab and line feed,
 * DEL and C1 controls, the Arabic letter mark, LRM/RLM, embeddings and overrides, isolates, and the
 * line and paragraph separators. They can move a cursor, hide text or show a name reversed
 * ("gpj.exe"). One list for the report sanitiser and for names printed in messages.
 */
export const UNSAFE_CHARS_BEYOND_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029';
/** C0 controls but tab and line feed: JSON.stringify escapes these itself. */
const C0_CONTROLS = '\\u0000-\\u0008\\u000b-\\u001f';
export const UNSAFE_CHARS = `${C0_CONTROLS}${UNSAFE_CHARS_BEYOND_C0}`;
