// Every check, in the order its findings are listed. Each module exports its meta (from
// src/messages.ts, where the report stage reads it) and its check function.
import * as adultsOnly from './adults-only.js';
import * as noText from './no-text.js';
import * as notChildSafeguarding from './not-child-safeguarding.js';
import * as notEnglish from './not-english.js';
import * as ocr from './ocr.js';
import * as outdatedTerm from './outdated-term.js';
import * as outsideJurisdiction from './outside-jurisdiction.js';
import * as reviewOverdue from './review-overdue.js';
import * as stub from './stub.js';
import * as templatePlaceholder from './template-placeholder.js';

export { adultsOnly, noText, notChildSafeguarding, notEnglish, ocr, outdatedTerm, outsideJurisdiction, reviewOverdue, stub, templatePlaceholder };

export const CHECKS = [noText, ocr, notEnglish, stub, notChildSafeguarding, adultsOnly, outsideJurisdiction, outdatedTerm, reviewOverdue, templatePlaceholder] as const;
