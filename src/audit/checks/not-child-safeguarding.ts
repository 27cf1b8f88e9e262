// A policy about something else: too few passages about children or about abuse and harm.
import { FINDING_META } from '../../messages.js';
import { MIN_ADULT_PASSAGES, offTopic, type TopicCounts } from './topic.js';
import { finding, type Verdict } from './verdict.js';

export const meta = FINDING_META['not-child-safeguarding']!;

export function check(c: TopicCounts): Verdict | undefined {
  // Off topic but about adults at risk is the adults-only check's.
  if (!offTopic(c) || c.adult >= MIN_ADULT_PASSAGES) return undefined;
  const reason = `this does not read as a child safeguarding policy (${c.child} passage(s) about children, ${c.harm} about abuse or harm)`;
  return { kind: 'not-child-safeguarding', reason, finding: finding(meta, `${reason}: its requirements are shown for information only`) };
}
