// A policy for adults at risk rather than children: off topic with several passages about adults,
// or far more about adults than children.
import { FINDING_META } from '../../messages.js';
import { ADULT_TO_CHILD_RATIO, MIN_ADULT_PASSAGES, offTopic, type TopicCounts } from './topic.js';
import { finding, type Verdict } from './verdict.js';

export const meta = FINDING_META['adults-only']!;

export function check(c: TopicCounts): Verdict | undefined {
  if (c.adult < MIN_ADULT_PASSAGES) return undefined;
  let reason: string;
  if (offTopic(c)) reason = `this reads as a policy for adults at risk (${c.adult} passages about adults, ${c.child} about children), not a child safeguarding policy`;
  else if (c.adult >= c.child * ADULT_TO_CHILD_RATIO)
    reason = `this reads as a policy for adults at risk (${c.adult} passages about adults, only ${c.child} about children), not a child safeguarding policy`;
  else return undefined;
  return { kind: 'adults-only', reason, finding: finding(meta, `${reason}: its requirements are shown for information only`) };
}
