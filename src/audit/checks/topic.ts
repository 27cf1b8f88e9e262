/** How many passages speak of children, of abuse or harm, and of adults at risk. */
export interface TopicCounts {
  child: number;
  harm: number;
  adult: number;
}

/** Passages about adults at risk, against those about children, before a policy reads as for adults only. */
export const MIN_ADULT_PASSAGES = 3;
export const ADULT_TO_CHILD_RATIO = 3;

/** Too little about children or harm to be a child safeguarding policy. */
export function offTopic(c: TopicCounts): boolean {
  return c.child < 2 || c.harm < 1;
}
