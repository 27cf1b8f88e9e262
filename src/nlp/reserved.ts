// Numbers and addresses that are no organisation's contact details: Ofcom's ranges reserved for
// drama and examples, the example domains (a model policy pasted unchanged has not said how to reach
// anyone), and numbers every policy may print (999, 101, national helplines), which say nothing of
// who the lead or the local agencies are.
const RESERVED_NUMBERS = [
  /^01632960\d{3}$/,
  /^01(?:13|14|15|16|17|18|21|31|41|51|61)4960\d{3}$/,
  /^0207946[0]\d{3}$/,
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

export function isReservedPhone(text: string): boolean {
  const digits = text.replace(/^\+44\s*\(?0?\)?/, '0').replace(/\D/g, '');
  return UNIVERSAL_NUMBERS.has(digits) || RESERVED_NUMBERS.some((re) => re.test(digits));
}

export function isExampleEmail(text: string): boolean {
  return EXAMPLE_DOMAIN.test(text) || NATIONAL_DOMAIN.test(text);
}
