// Build step: validate the bundled catalogue and cache it as JSON for fast start-up.
import { prepareCatalogue } from '../dist/audit/prepared.js';
import { writeDefaultCatalogueCache } from '../dist/catalogue/load.js';
import { writeLanguageCache } from '../dist/nlp/language.js';

try {
  writeDefaultCatalogueCache(prepareCatalogue);
  writeLanguageCache(); // requirements/language.yml, checked the same way
} catch (err) {
  // A broken catalogue must fail the build, with the catalogue's own file:line message.
  process.stderr.write(`sg-audit build: ${err.message}\n`);
  process.exit(1);
}
