// Numbers and addresses that are no organisation's contact details: stand-ins (Ofcom's ranges
// reserved for drama and examples, the example domains: a model policy pasted unchanged has not said
// how to reach anyone), and numbers every policy may print (999, 101, national helplines), which say
// nothing of who the lead or the local agencies are.
import { ENTITIES } from './patterns.js';

const RESERVED_NUMBERS = [
  /^01632960\d{3}$/,
  /^01(?:13|14|15|16|17|18|21|31|41|51|61)4960\d{3}$/,
  /^02079460\d{3}$/,
  /^02896496\d{3}$/,
  /^02920180\d{3}$/,
  /^07700900\d{3}$/,
  /^08081570\d{3}$/,
  /^09098790\d{3}$/,
  /^03069990\d{3}$/,
];
const EXAMPLE_DOMAIN = /@(?:[\w-]+\.)*(?:example|test|invalid)(?:\.[\w-]+)*$/i;
/** National charities' public addresses: real, but nobody's local contact. */
const NATIONAL_DOMAIN = /@(?:nspcc|childline)\.org\.uk$/i;
/** 999, 112, 101, 111, 116 123 (Samaritans), Childline, the NSPCC helpline and its whistleblowing line. */
const UNIVERSAL_NUMBERS = new Set(['999', '112', '101', '111', '116123', '116111', '08001111', '08088005000', '08000280285']);

const digitsOf = (text: string) => text.replace(/^\+44\s*\(?0?\)?/, '0').replace(/\D/g, '');

export function isStandInPhone(text: string): boolean {
  const digits = digitsOf(text);
  return RESERVED_NUMBERS.some((re) => re.test(digits));
}

export function isStandInEmail(text: string): boolean {
  return EXAMPLE_DOMAIN.test(text);
}

/** Not the organisation's own contact: a stand-in, or a number or address anyone may print. */
function isNotAContact(kind: 'phone' | 'email', text: string): boolean {
  if (kind === 'email') return isStandInEmail(text) || NATIONAL_DOMAIN.test(text);
  return isStandInPhone(text) || UNIVERSAL_NUMBERS.has(digitsOf(text));
}

/** The contact detectors, global, compiled once: they run on every sentence of every document. */
type ContactDetector = 'phone' | 'email' | 'safeguardingEmail';
const EVERY: Record<ContactDetector, RegExp> = {
  phone: new RegExp(ENTITIES.phone.source, `${ENTITIES.phone.flags}g`),
  email: new RegExp(ENTITIES.email.source, `${ENTITIES.email.flags}g`),
  safeguardingEmail: new RegExp(ENTITIES.safeguardingEmail.source, `${ENTITIES.safeguardingEmail.flags}g`),
};

export function isContactDetector(entity: string): entity is ContactDetector {
  return entity in EVERY;
}

/** True when the text holds a contact that is the organisation's own (not a stand-in, not 999). */
export function hasOwnContact(detector: ContactDetector, text: string): boolean {
  const kind = detector === 'phone' ? 'phone' : 'email';
  for (const m of text.matchAll(EVERY[detector])) if (!isNotAContact(kind, m[0])) return true;
  return false;
}

/** The first stand-in phone number or address in the text ("01632 960123", "dsl@example.org"). */
export function findStandInContact(text: string): string | undefined {
  for (const m of text.matchAll(EVERY.phone)) if (isStandInPhone(m[0])) return m[0].trim();
  for (const m of text.matchAll(EVERY.email)) if (isStandInEmail(m[0])) return m[0].trim();
  return undefined;
}
