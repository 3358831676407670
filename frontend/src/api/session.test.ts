import { describe, expect, it } from 'vitest';
import { csrfHeaders } from './session';

describe('csrfHeaders', () => {
  it('sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN', () => {
    expect(csrfHeaders('JSESSIONID=abc; XSRF-TOKEN=d2f1%3D9; other=1')).toEqual({ 'X-XSRF-TOKEN': 'd2f1=9' });
  });
  it('sends nothing without the cookie (local mode)', () => {
    expect(csrfHeaders('JSESSIONID=abc')).toEqual({});
    expect(csrfHeaders('')).toEqual({});
  });
});
