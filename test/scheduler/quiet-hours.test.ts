import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from '../../src/scheduler/quiet-hours.ts';

describe('quietHoursEnd', () => {
  it.each([
    { name: 'inside hours that wrap midnight, before midnight', quiet: { from: '22:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-02T20:00:00Z', end: '2026-03-03T04:00:00.000Z' },
    { name: 'inside hours that wrap midnight, after midnight', quiet: { from: '22:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-03T01:30:00Z', end: '2026-03-03T04:00:00.000Z' },
    { name: 'at the first minute of the quiet hours', quiet: { from: '22:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-02T19:00:00Z', end: '2026-03-03T04:00:00.000Z' },
    { name: 'at the minute they end (not quiet any more)', quiet: { from: '22:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-03T04:00:00Z', end: null },
    { name: 'outside them', quiet: { from: '22:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-03T09:00:00Z', end: null },
    { name: 'inside same-day hours', quiet: { from: '13:00', to: '15:30' }, zone: 'Asia/Tehran', at: '2026-03-03T10:00:00Z', end: '2026-03-03T12:00:00.000Z' },
    { name: 'equal start and end: no quiet hours', quiet: { from: '08:00', to: '08:00' }, zone: 'Asia/Baghdad', at: '2026-03-03T05:00:00Z', end: null },
    { name: 'malformed times are ignored', quiet: { from: '25:00', to: '07:00' }, zone: 'Asia/Baghdad', at: '2026-03-02T20:00:00Z', end: null },
    { name: 'an unknown zone is ignored', quiet: { from: '22:00', to: '07:00' }, zone: 'Nowhere/City', at: '2026-03-02T20:00:00Z', end: null },
    { name: 'ending in a spring-forward gap: at the end of the gap', quiet: { from: '23:00', to: '02:30' }, zone: 'America/New_York', at: '2026-03-08T05:00:00Z', end: '2026-03-08T07:00:00.000Z' },
  ])('given $name then the end is $end', ({ quiet, zone, at, end }) => {
    expect(quietHoursEnd(quiet, zone, new Date(at))?.toISOString() ?? null).toBe(end);
  });

  it('given no quiet hours then nothing is held', () => {
    expect(quietHoursEnd(null, 'Asia/Baghdad', new Date('2026-03-02T20:00:00Z'))).toBeNull();
  });
});
