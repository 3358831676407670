import { describe, expect, it } from 'vitest';
import { appFacts } from './appFacts';

describe('appFacts', () => {
  it('says what a component is without calling it a component', () => {
    expect(appFacts({ kind: 'COMPONENT', type: 'service', lifecycle: 'production', system: 'checkout' })).toEqual({
      summary: 'service · production · system checkout',
      discovered: false,
    });
  });

  it('names resources as such', () => {
    expect(appFacts({ kind: 'RESOURCE', type: 'database', lifecycle: null, system: null }).summary).toBe(
      'Resource · database',
    );
  });

  it('marks apps learned from the platform instead of printing their lifecycle', () => {
    expect(appFacts({ kind: 'COMPONENT', type: null, lifecycle: 'DISCOVERED', system: null })).toEqual({
      summary: '',
      discovered: true,
    });
  });

  it('says nothing when nobody said anything', () => {
    expect(appFacts({ kind: 'COMPONENT' }).summary).toBe('');
  });
});
