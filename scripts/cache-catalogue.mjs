// Build step: validate the bundled catalogue, prepare it, and cache that plain form as JSON, so no
// run parses, checks or compiles it again.
import { prepareCatalogue, toPlain } from '../dist/audit/prepared.js';
import { writeDefaultCatalogueCache } from '../dist/catalogue/load.js';
import { writeLanguageCache } from '../dist/nlp/language.js';

try {
  writeDefaultCatalogueCache((catalogue) => toPlain(prepareCatalogue(catalogue)));
  writeLanguageCache(); // requirements/language.yml, checked the same way
} catch (err) {
  // A broken catalogue must fail the build, with the catalogue's own file:line message.
  process.stderr.write(`sg-audit build: ${err.message}\n`);
  process.exit(1);
}
