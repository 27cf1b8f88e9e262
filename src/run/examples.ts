// `catalogue test`: each example passage is read as a Markdown policy and judged by the real
// matcher, so it runs here, where reading and auditing meet, not in either stage.
import { judge } from '../audit/judge.js';
import { detectJurisdiction } from '../audit/jurisdiction.js';
import { testLanguageExamples, type ExampleFailure } from '../audit/language-examples.js';
import { Matcher } from '../audit/matcher.js';
import type { PreparedCatalogue } from '../audit/prepared.js';
import { indexDocument } from '../audit/text-index.js';
import type { CompiledRequirement } from '../catalogue/compile.js';
import { nationsOf } from '../catalogue/model.js';
import { readMarkdown } from '../ingest/markdown.js';

/** Runs every requirement's example passages through the real matcher. */
export function testExamples(prepared: PreparedCatalogue, only?: string): { checked: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const requirement of prepared.requirements) {
    if (only && requirement.spec.id !== only) continue;
    for (const expected of ['met', 'partial', 'missing'] as const) {
      for (const passage of requirement.spec.examples?.[expected] ?? []) {
        checked++;
        const actual = judgePassage(requirement, passage);
        if (actual !== expected) failures.push({ id: requirement.spec.id, expected, actual, passage });
      }
    }
    // A nation's own route is checked as a policy written for that nation is judged.
    for (const [nation, route] of nationsOf(requirement.spec)) {
      const variant = prepared.nationVariants.get(requirement.spec.id)?.get(nation) ?? requirement;
      for (const expected of ['met', 'partial', 'missing'] as const) {
        for (const passage of route.examples?.[expected] ?? []) {
          checked++;
          const actual = judgePassage(variant, passage);
          if (actual !== expected) failures.push({ id: `${requirement.spec.id} (${nation})`, expected, actual, passage });
        }
      }
    }
  }
  if (only) return { checked, failures };
  // Each jurisdiction's examples must be detected as that jurisdiction.
  for (const jurisdiction of prepared.catalogue.jurisdictions ?? []) {
    for (const passage of jurisdiction.examples ?? []) {
      checked++;
      const actual = detectJurisdiction(new Matcher(indexDocument(readMarkdown(passage, 'example.md'))), prepared).id;
      if (actual !== jurisdiction.id) failures.push({ id: `jurisdiction ${jurisdiction.id}`, expected: jurisdiction.id, actual, passage });
    }
  }
  // The matcher's language (requirements/language.yml) has examples of its own.
  const language = testLanguageExamples((text) => new Matcher(indexDocument(readMarkdown(text, 'example.md'))));
  return { checked: checked + language.checked, failures: [...failures, ...language.failures] };
}

/** An example passage is Markdown: it may carry its own heading. */
export function judgePassage(requirement: CompiledRequirement, passage: string): string {
  const index = indexDocument(readMarkdown(passage, 'example.md'));
  return judge(requirement, new Matcher(index)).status;
}
