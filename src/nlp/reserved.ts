// Numbers and addresses that are no organisation's contact details: stand-ins (Ofcom's ranges
// reserved for drama and examples, the example domains: a model policy pasted unchanged has not said
// how to reach anyone), and numbers every policy may print (999, 101, national helplines), which say
// nothing of who the lead or the local agencies are.
import { language } from './language.js';
import { ENTITIES } from './patterns.js';

// The numbers and domains: requirements/language.yml, contacts.
const { reservedNumbers: RESERVED_NUMBERS, exampleDomain: EXAMPLE_DOMAIN, nationalDomain: NATIONAL_DOMAIN, universalNumbers: UNIVERSAL_NUMBERS } = language();

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
