import { describe, expect, it } from 'vitest';
import {
  callKind, countShown, formatRate, isStale, observedLabel, orderedSources, readSources, showsCall, sourcesParam, toggleSource,
} from './dependencySources';

const now = new Date('2026-11-28T12:00:00Z');

describe('a call\'s sources', () => {
  it('lists them in one order, each once, ignoring what it does not know', () => {
    expect(orderedSources(['MESH', 'DECLARED', 'MESH', 'SOMETHING'])).toEqual(['DECLARED', 'MESH']);
  });

  it('draws a call as observed when the mesh saw it, declared when only declared, allowed when only a policy allows it', () => {
    expect(callKind(['DECLARED', 'NETWORK_POLICY', 'MESH'])).toBe('observed');
    expect(callKind(['MESH'])).toBe('observed');
    expect(callKind(['DECLARED', 'NETWORK_POLICY'])).toBe('declared');
    expect(callKind(['BACKSTAGE'])).toBe('declared');
    expect(callKind(['NETWORK_POLICY'])).toBe('allowed');
  });
});

describe('last observed', () => {
  it('says when the mesh saw the call and how busy it was', () => {
    expect(observedLabel('2026-11-28T09:00:00Z', 5.68, now)).toBe('seen 3 h ago · 5.7 req/s');
    expect(observedLabel('2026-11-28T11:59:30Z', 0.183, now)).toBe('seen just now · 0.18 req/s');
    expect(observedLabel('2026-11-18T12:00:00Z', null, now)).toBe('seen 10 d ago');
    expect(observedLabel(null, null, now)).toBeNull();
  });

  it('rounds rates to what matters', () => {
    expect(formatRate(1234.4)).toBe('1,234 req/s');
    expect(formatRate(44.809999)).toBe('44.8 req/s');
    expect(formatRate(0.004)).toBe('0 req/s');
  });

  it('calls a call stale after seven days without traffic, and never one the mesh never saw', () => {
    expect(isStale('2026-11-21T12:00:00Z', now)).toBe(true);
    expect(isStale('2026-11-21T12:00:01Z', now)).toBe(false);
    expect(isStale('2026-11-27T12:00:00Z', now, 1)).toBe(true);
    expect(isStale(null, now)).toBe(false);
  });
});

describe('the graph\'s source filter', () => {
  it('reads the URL: no parameter shows everything, unknown names are dropped', () => {
    expect(readSources(new URLSearchParams())).toBeNull();
    expect(readSources(new URLSearchParams('sources=MESH,declared,bogus'))).toEqual(new Set(['MESH', 'DECLARED']));
    expect(readSources(new URLSearchParams('sources='))).toEqual(new Set());
  });

  it('writes the URL in one order and leaves it out when every source is on', () => {
    expect(sourcesParam(new Set(['MESH', 'DECLARED']))).toBe('DECLARED,MESH');
    expect(sourcesParam(new Set(['DECLARED', 'BACKSTAGE', 'NETWORK_POLICY', 'MESH']))).toBeNull();
    expect(sourcesParam(null)).toBeNull();
    expect(sourcesParam(new Set())).toBe('');
    const filter = new Set(['MESH', 'NETWORK_POLICY'] as const);
    expect(readSources(new URLSearchParams({ sources: sourcesParam(filter)! }))).toEqual(filter);
  });

  it('switches one source off from "all", and back on', () => {
    const off = toggleSource(null, 'MESH');
    expect(off).toEqual(new Set(['DECLARED', 'BACKSTAGE', 'NETWORK_POLICY']));
    expect(sourcesParam(toggleSource(off, 'MESH'))).toBeNull();
  });

  it('shows a call when any of its sources is selected', () => {
    const meshOnly = new Set(['MESH'] as const);
    expect(showsCall(['DECLARED', 'MESH'], meshOnly)).toBe(true);
    expect(showsCall(['DECLARED', 'NETWORK_POLICY'], meshOnly)).toBe(false);
    expect(showsCall(['NETWORK_POLICY'], null)).toBe(true);
    expect(showsCall(['MESH'], new Set())).toBe(false);
    expect(countShown([{ sources: ['MESH'] }, { sources: ['DECLARED'] }, { sources: null }], meshOnly)).toBe(1);
    expect(countShown([{ sources: ['MESH'] }, { sources: null }], null)).toBe(2);
  });
});
