import React from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';

describe('ink in vitest', () => {
  it('renders a component to a frame', () => {
    const { lastFrame, unmount } = render(<Text>refscope {1 + 1}</Text>);
    expect(lastFrame()).toBe('refscope 2');
    unmount();
  });
});
