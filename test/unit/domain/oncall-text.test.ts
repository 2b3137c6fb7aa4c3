import { describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../../src/domain/business-hours.ts'
import { onCallSchema, personSchema } from '../../../src/domain/routing/config-schema.ts'
import { onCallText } from '../../../src/domain/routing/oncall-text.ts'

const people = [
  personSchema.parse({ id: 'alice', name: 'Alice Chen', roles: ['oncall'] }),
  personSchema.parse({ id: 'bob', name: '王波', roles: ['oncall'] }),
  personSchema.parse({ id: 'dave', name: 'Dave', roles: ['oncall'] }),
]
const schedule = onCallSchema.parse({
  timeZone: 'America/Los_Angeles',
  rotation: ['alice', 'bob'],
  rotationDays: 1,
  startDate: '2026-03-07',
  overrides: [{ person: 'dave', from: '2026-03-08T20:00:00-07:00', to: '2026-03-09T06:00:00-07:00' }],
})
const hours = parseBusinessHours({ timeZone: 'Asia/Shanghai', weekly: { mon: [{ start: '09:00', end: '18:00' }] } })

describe('onCallText', () => {
  it.each([
    ['en', '2026-03-08T00:00:00Z', 'On call now: Alice Chen (until 2026-03-08 09:00 UTC-07:00, then 王波).'],
    ['zh-CN', '2026-03-08T00:00:00Z', '当前值班：Alice Chen（至 2026-03-08 09:00 UTC-07:00，之后由 王波 接班）。'],
    ['en', '2026-03-09T04:00:00Z', 'On call now: Dave (override, until 2026-03-09 06:00 UTC-07:00, then 王波).'],
    ['zh-CN', '2026-03-09T04:00:00Z', '当前值班：Dave（临时替班，至 2026-03-09 06:00 UTC-07:00，之后由 王波 接班）。'],
  ] as const)('%s at %s', (language, at, text) => {
    expect(onCallText({ schedule, people, at: new Date(at), language })).toBe(text)
  })

  it('adds the business-hours line when asked', () => {
    const closed = onCallText({ schedule, people, at: new Date('2026-03-08T00:00:00Z'), language: 'en', businessHours: hours })
    expect(closed.split('\n')[1]).toBe('Outside business hours; opens 2026-03-09 09:00 UTC+08:00.')
    const open = onCallText({ schedule, people, at: new Date('2026-03-09T02:00:00Z'), language: 'zh-CN', businessHours: hours })
    expect(open.split('\n')[1]).toBe('当前为工作时间。')
  })

  it('says when nothing is configured or nobody is on call', () => {
    expect(onCallText({ schedule: null, people, at: new Date(), language: 'zh-CN' })).toBe('未配置值班轮换。')
    const overridesOnly = onCallSchema.parse({
      timeZone: 'UTC',
      overrides: [{ person: 'dave', from: '2026-05-01T00:00:00Z', to: '2026-05-02T00:00:00Z' }],
    })
    expect(onCallText({ schedule: overridesOnly, people, at: new Date('2026-04-30T12:00:00Z'), language: 'en' })).toBe(
      'Nobody is on call now (until 2026-05-01 00:00 UTC, then Dave).',
    )
    expect(onCallText({ schedule: overridesOnly, people, at: new Date('2026-05-01T12:00:00Z'), language: 'en' })).toBe(
      'On call now: Dave (override, until 2026-05-02 00:00 UTC, then nobody).',
    )
    expect(onCallText({ schedule: overridesOnly, people, at: new Date('2026-06-01T00:00:00Z'), language: 'zh-CN' })).toBe('当前无人值班。')
  })
})
