import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  isValidTimeZone,
  latestDueAtOrBefore,
  localTimeAt,
  localWeekday,
  nextDueAt,
  parseLocalTime,
  type DigestSchedule,
} from '../../src/scheduler/next-due.ts';

const daily = (localTime: string, timezone: string): DigestSchedule => ({ localTime, timezone, frequency: 'daily', weekday: null });
const weekly = (localTime: string, timezone: string, weekday: number | null): DigestSchedule => ({ localTime, timezone, frequency: 'weekly', weekday });

describe('parseLocalTime', () => {
  it.each([
    ['00:00', { hour: 0, minute: 0 }],
    ['08:00', { hour: 8, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    [' 07:30 ', { hour: 7, minute: 30 }],
    ['٠٨:٣٠', { hour: 8, minute: 30 }],
  ])('given %j then it reads %j', (text, expected) => {
    expect(parseLocalTime(text)).toEqual(expected);
  });

  it.each(['25:61', '24:00', '23:60', '8:00', '08:0', '0800', '08:00:00', '8am', '', '08-00', '-1:00', '08:00 pm'])(
    'given %j then it is rejected',
    (text) => {
      expect(parseLocalTime(text)).toBeNull();
    },
  );
});

describe('timezone validation', () => {
  it.each(['Asia/Baghdad', 'Asia/Riyadh', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'Etc/GMT+3'])(
    'given the IANA name %s then it is valid',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['+03:00', '-05:00', 'GMT+3', 'Asia/Atlantis', 'Mars/Olympus', '', ' ', 'Asia/Baghdad; DROP TABLE', '../etc/passwd'])(
    'given %j then it is refused',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );

  it('given a name in the wrong case then the canonical spelling is returned', () => {
    expect(canonicalTimeZone('asia/riyadh')).toBe('Asia/Riyadh');
  });
});

interface DueCase {
  name: string;
  schedule: DigestSchedule;
  after: string;
  due: string;
}

const cases: DueCase[] = [
  // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
  { name: 'New York, an ordinary morning', schedule: daily('08:00', 'America/New_York'), after: '2026-03-06T13:00:00Z', due: '2026-03-07T13:00:00.000Z' },
  { name: 'New York, 02:30 on spring-forward day goes out at 03:00 EDT', schedule: daily('02:30', 'America/New_York'), after: '2026-03-07T12:00:00Z', due: '2026-03-08T07:00:00.000Z' },
  { name: 'New York, after the gap run the next one is 02:30 EDT next day', schedule: daily('02:30', 'America/New_York'), after: '2026-03-08T07:00:00Z', due: '2026-03-09T06:30:00.000Z' },
  { name: 'New York, 02:00 (the first instant of the gap) also goes out at 03:00 EDT', schedule: daily('02:00', 'America/New_York'), after: '2026-03-07T12:00:00Z', due: '2026-03-08T07:00:00.000Z' },
  { name: 'New York, 03:00 on spring-forward day is exactly 03:00 EDT', schedule: daily('03:00', 'America/New_York'), after: '2026-03-07T12:00:00Z', due: '2026-03-08T07:00:00.000Z' },
  { name: 'New York, 08:00 after spring forward is 12:00Z', schedule: daily('08:00', 'America/New_York'), after: '2026-03-07T13:00:00Z', due: '2026-03-08T12:00:00.000Z' },
  { name: 'New York, 01:30 on fall-back day: the first occurrence (EDT)', schedule: daily('01:30', 'America/New_York'), after: '2026-10-31T12:00:00Z', due: '2026-11-01T05:30:00.000Z' },
  { name: 'New York, fall-back day: the repeated 01:30 EST is not due again', schedule: daily('01:30', 'America/New_York'), after: '2026-11-01T05:30:00Z', due: '2026-11-02T06:30:00.000Z' },
  { name: 'New York, 08:00 on fall-back day is 13:00Z', schedule: daily('08:00', 'America/New_York'), after: '2026-11-01T05:00:00Z', due: '2026-11-01T13:00:00.000Z' },
  // Europe/London: 2026-03-29 01:00 GMT → 02:00 BST; 2026-10-25 02:00 BST → 01:00 GMT.
  { name: 'London, 01:30 on spring-forward day goes out at 02:00 BST', schedule: daily('01:30', 'Europe/London'), after: '2026-03-28T12:00:00Z', due: '2026-03-29T01:00:00.000Z' },
  { name: 'London, 01:30 on fall-back day: first occurrence (BST)', schedule: daily('01:30', 'Europe/London'), after: '2026-10-24T12:00:00Z', due: '2026-10-25T00:30:00.000Z' },
  { name: 'London, fall-back day: the repeated 01:30 GMT is not due again', schedule: daily('01:30', 'Europe/London'), after: '2026-10-25T00:30:00Z', due: '2026-10-26T01:30:00.000Z' },
  { name: 'London, winter 07:00 is 07:00Z', schedule: daily('07:00', 'Europe/London'), after: '2026-01-10T07:00:00Z', due: '2026-01-11T07:00:00.000Z' },
  // Asia/Baghdad: +03:00 all year.
  { name: 'Baghdad, 08:00 is 05:00Z', schedule: daily('08:00', 'Asia/Baghdad'), after: '2026-03-08T00:00:00Z', due: '2026-03-08T05:00:00.000Z' },
  { name: 'Baghdad, strictly after: at the due instant the next is tomorrow', schedule: daily('08:00', 'Asia/Baghdad'), after: '2026-03-08T05:00:00Z', due: '2026-03-09T05:00:00.000Z' },
  { name: 'Baghdad, one millisecond before is still today', schedule: daily('08:00', 'Asia/Baghdad'), after: '2026-03-08T04:59:59.999Z', due: '2026-03-08T05:00:00.000Z' },
  { name: 'Baghdad, 00:00 is the previous UTC day', schedule: daily('00:00', 'Asia/Baghdad'), after: '2026-06-01T12:00:00Z', due: '2026-06-01T21:00:00.000Z' },
  { name: 'Baghdad, across the end of a year', schedule: daily('08:00', 'Asia/Baghdad'), after: '2026-12-31T06:00:00Z', due: '2027-01-01T05:00:00.000Z' },
  // Asia/Tehran: +03:30 all year since 2022.
  { name: 'Tehran, 08:00 is 04:30Z in spring', schedule: daily('08:00', 'Asia/Tehran'), after: '2026-03-25T00:00:00Z', due: '2026-03-25T04:30:00.000Z' },
  { name: 'Tehran, 08:00 is 04:30Z in summer too', schedule: daily('08:00', 'Asia/Tehran'), after: '2026-07-01T00:00:00Z', due: '2026-07-01T04:30:00.000Z' },
  // Australia/Lord_Howe: +10:30, DST +11:00 (a 30-minute shift). 2026-04-05 02:00 → 01:30; 2026-10-04 02:00 → 02:30.
  { name: 'Lord Howe, 02:15 in the 30-minute gap goes out at 02:30 DST', schedule: daily('02:15', 'Australia/Lord_Howe'), after: '2026-10-03T12:00:00Z', due: '2026-10-03T15:30:00.000Z' },
  { name: 'Lord Howe, 01:45 repeated on fall-back day: first occurrence', schedule: daily('01:45', 'Australia/Lord_Howe'), after: '2026-04-04T12:00:00Z', due: '2026-04-04T14:45:00.000Z' },
  { name: 'Lord Howe, the repeated 01:45 is not due again', schedule: daily('01:45', 'Australia/Lord_Howe'), after: '2026-04-04T14:45:00Z', due: '2026-04-05T15:15:00.000Z' },
  { name: 'Lord Howe, 08:00 in winter is 21:30Z the day before', schedule: daily('08:00', 'Australia/Lord_Howe'), after: '2026-06-01T00:00:00Z', due: '2026-06-01T21:30:00.000Z' },
  // Pacific/Chatham: +12:45, DST +13:45. 2026-04-05 03:45 → 02:45; 2026-09-27 02:45 → 03:45.
  { name: 'Chatham, 03:00 in the gap goes out at 03:45 DST', schedule: daily('03:00', 'Pacific/Chatham'), after: '2026-09-26T12:00:00Z', due: '2026-09-26T14:00:00.000Z' },
  { name: 'Chatham, 03:15 repeated on fall-back day: first occurrence', schedule: daily('03:15', 'Pacific/Chatham'), after: '2026-04-04T12:00:00Z', due: '2026-04-04T13:30:00.000Z' },
  { name: 'Chatham, the repeated 03:15 is not due again', schedule: daily('03:15', 'Pacific/Chatham'), after: '2026-04-04T13:30:00Z', due: '2026-04-05T14:30:00.000Z' },
  { name: 'Chatham, 08:00 in winter is 19:15Z the day before', schedule: daily('08:00', 'Pacific/Chatham'), after: '2026-07-01T00:00:00Z', due: '2026-07-01T19:15:00.000Z' },
  // Weekly digests (0 = Sunday … 6 = Saturday, local calendar). 2026-03-04 is a Wednesday.
  { name: 'weekly Monday 08:00 Baghdad from a Wednesday', schedule: weekly('08:00', 'Asia/Baghdad', 1), after: '2026-03-04T12:00:00Z', due: '2026-03-09T05:00:00.000Z' },
  { name: 'weekly Wednesday later the same day', schedule: weekly('20:00', 'Asia/Baghdad', 3), after: '2026-03-04T12:00:00Z', due: '2026-03-04T17:00:00.000Z' },
  { name: 'weekly Wednesday just after it went out: a week later', schedule: weekly('08:00', 'Asia/Baghdad', 3), after: '2026-03-04T05:00:00Z', due: '2026-03-11T05:00:00.000Z' },
  { name: 'weekly Sunday 02:30 New York lands in the spring-forward gap', schedule: weekly('02:30', 'America/New_York', 0), after: '2026-03-02T00:00:00Z', due: '2026-03-08T07:00:00.000Z' },
  { name: 'weekly Monday in Chatham is Sunday in UTC', schedule: weekly('06:00', 'Pacific/Chatham', 1), after: '2026-07-01T00:00:00Z', due: '2026-07-05T17:15:00.000Z' },
  { name: 'weekly with no weekday stored falls on Monday', schedule: weekly('08:00', 'Asia/Baghdad', null), after: '2026-03-04T12:00:00Z', due: '2026-03-09T05:00:00.000Z' },
];

describe('nextDueAt', () => {
  it.each(cases)('$name', ({ schedule, after, due }) => {
    expect(nextDueAt(schedule, new Date(after)).toISOString()).toBe(due);
  });

  it('given a spring-forward day then a 02:30 daily digest goes out exactly once that day', () => {
    const schedule = daily('02:30', 'America/New_York');
    const runs: string[] = [];
    let at = new Date('2026-03-06T12:00:00Z');
    while (at < new Date('2026-03-10T12:00:00Z')) {
      at = nextDueAt(schedule, at);
      runs.push(at.toISOString());
    }
    expect(runs).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z', '2026-03-11T06:30:00.000Z']);
  });

  it('given a fall-back day then a 01:30 daily digest goes out once, not twice', () => {
    const schedule = daily('01:30', 'America/New_York');
    const runs: string[] = [];
    let at = new Date('2026-10-31T00:00:00Z');
    while (at < new Date('2026-11-02T12:00:00Z')) {
      at = nextDueAt(schedule, at);
      runs.push(at.toISOString());
    }
    expect(runs).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
  });

  it.each([
    [{ ...daily('25:61', 'Asia/Baghdad') }, /local time/],
    [{ ...daily('08:00', '+03:00') }, /timezone/],
    [{ ...weekly('08:00', 'Asia/Baghdad', 7) }, /weekday/],
  ])('given an invalid schedule %j then it throws a RangeError', (schedule, message) => {
    expect(() => nextDueAt(schedule, new Date('2026-01-01T00:00:00Z'))).toThrow(message);
  });
});

describe('latestDueAtOrBefore', () => {
  it.each([
    { name: 'earlier the same day', schedule: daily('08:00', 'Asia/Baghdad'), at: '2026-03-08T10:00:00Z', due: '2026-03-08T05:00:00.000Z' },
    { name: 'at the due instant itself', schedule: daily('08:00', 'Asia/Baghdad'), at: '2026-03-08T05:00:00Z', due: '2026-03-08T05:00:00.000Z' },
    { name: 'yesterday when today has not come yet', schedule: daily('08:00', 'Asia/Baghdad'), at: '2026-03-08T04:59:00Z', due: '2026-03-07T05:00:00.000Z' },
    { name: 'the spring-forward gap run', schedule: daily('02:30', 'America/New_York'), at: '2026-03-08T09:00:00Z', due: '2026-03-08T07:00:00.000Z' },
    { name: 'the first occurrence on a fall-back day', schedule: daily('01:30', 'America/New_York'), at: '2026-11-01T06:45:00Z', due: '2026-11-01T05:30:00.000Z' },
    { name: 'last week for a weekly digest', schedule: weekly('08:00', 'Asia/Baghdad', 1), at: '2026-03-08T12:00:00Z', due: '2026-03-02T05:00:00.000Z' },
  ])('$name', ({ schedule, at, due }) => {
    expect(latestDueAtOrBefore(schedule, new Date(at)).toISOString()).toBe(due);
  });
});

describe('local calendar helpers', () => {
  it('given an instant late on Sunday UTC then it is already Monday in Chatham', () => {
    expect(localWeekday(new Date('2026-07-05T17:15:00Z'), 'Pacific/Chatham')).toBe(1);
    expect(localWeekday(new Date('2026-07-05T17:15:00Z'), 'UTC')).toBe(0);
  });

  it('given an instant then its local wall time in Tehran is read', () => {
    expect(localTimeAt(new Date('2026-03-25T04:30:00Z'), 'Asia/Tehran')).toEqual({ hour: 8, minute: 0 });
  });
});

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Asia/Baghdad',
  'Asia/Tehran',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Africa/Cairo',
];

describe('nextDueAt agrees with croner and with its own definition (property)', () => {
  const scheduleArb = fc.record({
    zone: fc.constantFrom(...ZONES),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    weekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    // 2026 and 2027: every transition of the listed zones falls in range.
    after: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 20) }),
  });

  it('given any zone, time and instant then the due instant is what croner computes', () => {
    fc.assert(
      fc.property(scheduleArb, ({ zone, hour, minute, weekday, after }) => {
        const localTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const schedule: DigestSchedule = { localTime, timezone: zone, frequency: weekday === null ? 'daily' : 'weekly', weekday };
        const ours = nextDueAt(schedule, new Date(after));
        const cron = new Cron(`${minute} ${hour} * * ${weekday ?? '*'}`, { timezone: zone, paused: true });
        const theirs = cron.nextRun(new Date(after));
        expect(ours.toISOString()).toBe(theirs?.toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('given any schedule then the result is strictly later, at most a week and a day away, and falls on the local time unless in a gap', () => {
    fc.assert(
      fc.property(scheduleArb, ({ zone, hour, minute, weekday, after }) => {
        const localTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const schedule: DigestSchedule = { localTime, timezone: zone, frequency: weekday === null ? 'daily' : 'weekly', weekday };
        const due = nextDueAt(schedule, new Date(after));
        expect(due.getTime()).toBeGreaterThan(after);
        expect(due.getTime() - after).toBeLessThanOrEqual(8 * 86_400_000);
        const wall = localTimeAt(due, zone);
        const wallMinutes = wall.hour * 60 + wall.minute;
        // Either the exact wall time, or the end of a DST gap (at most an hour later).
        expect(wallMinutes - (hour * 60 + minute)).toBeGreaterThanOrEqual(0);
        expect(wallMinutes - (hour * 60 + minute)).toBeLessThanOrEqual(60);
        expect(latestDueAtOrBefore(schedule, due).getTime()).toBe(due.getTime());
        expect(latestDueAtOrBefore(schedule, new Date(due.getTime() - 1)).getTime()).toBeLessThanOrEqual(after);
      }),
      { numRuns: 300 },
    );
  });
});
