import { canMove } from './introduction-rules';

describe('an introduction\'s status moves', () => {
  it.each([
    ['proposed', 'sent', true], ['proposed', 'accepted', true], ['sent', 'declined', true], ['accepted', 'closed', true],
    ['declined', 'closed', true], ['sent', 'proposed', false], ['accepted', 'declined', false], ['closed', 'proposed', false],
    ['closed', 'sent', false], ['sent', 'sent', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});
