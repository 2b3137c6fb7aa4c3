// The answer to "who is on call now" (Slack `/buyerbridge oncall`, a Feishu/DingTalk bot reply, the console),
// in en or zh-CN. Plain text without platform markup; adapters may wrap it.

import { isAfterHours, nextOpening, type BusinessHours } from '../business-hours.ts'
import { formatInstant } from '../card/format.ts'
import type { UiLanguage } from '../vocabulary.ts'
import type { Person } from './config-schema.ts'
import { nextHandoff, onCallAt, type OnCallSchedule } from './oncall.ts'

export interface OnCallTextInput {
  schedule: OnCallSchedule | null
  people: readonly Person[]
  at: Date
  language: UiLanguage
  /** When given, a second line says whether the team is open and when it opens. */
  businessHours?: BusinessHours
}

const nameOf = (people: readonly Person[], id: string | null) => (id === null ? null : (people.find((p) => p.id === id)?.name ?? id))

const PHRASES = {
  en: {
    noSchedule: 'No on-call rotation is configured.',
    nobody: 'Nobody is on call now.',
    onCall: (name: string) => `On call now: ${name}`,
    override: 'override',
    until: (when: string) => `until ${when}`,
    then: (name: string) => `then ${name}`,
    thenNobody: 'then nobody',
    open: 'Within business hours.',
    closed: (when: string) => `Outside business hours; opens ${when}.`,
    closedLong: 'Outside business hours; no opening in the next 31 days.',
    join: (parts: string[]) => (parts.length > 0 ? ` (${parts.join(', ')})` : ''),
    end: '.',
  },
  'zh-CN': {
    noSchedule: '未配置值班轮换。',
    nobody: '当前无人值班。',
    onCall: (name: string) => `当前值班：${name}`,
    override: '临时替班',
    until: (when: string) => `至 ${when}`,
    then: (name: string) => `之后由 ${name} 接班`,
    thenNobody: '之后无人值班',
    open: '当前为工作时间。',
    closed: (when: string) => `当前为非工作时间，${when} 恢复上班。`,
    closedLong: '当前为非工作时间，31 天内没有工作时段。',
    join: (parts: string[]) => (parts.length > 0 ? `（${parts.join('，')}）` : ''),
    end: '。',
  },
} as const

export function onCallText(input: OnCallTextInput): string {
  const words = PHRASES[input.language]
  const lines: string[] = []
  if (!input.schedule) {
    lines.push(words.noSchedule)
  } else {
    const zone = input.schedule.timeZone
    const current = onCallAt(input.schedule, input.at)
    const handoff = nextHandoff(input.schedule, input.at)
    if (!current) {
      const nextName = handoff ? nameOf(input.people, handoff.to) : null
      lines.push(
        handoff && nextName !== null
          ? `${words.nobody.slice(0, -1)}${words.join([words.until(formatInstant(handoff.at, zone)), words.then(nextName)])}${words.end}`
          : words.nobody,
      )
    } else {
      const parts: string[] = []
      if (current.source === 'override') parts.push(words.override)
      if (handoff) {
        parts.push(words.until(formatInstant(handoff.at, zone)))
        const next = nameOf(input.people, handoff.to)
        parts.push(next === null ? words.thenNobody : words.then(next))
      }
      lines.push(`${words.onCall(nameOf(input.people, current.personId) ?? current.personId)}${words.join(parts)}${words.end}`)
    }
  }
  if (input.businessHours) {
    if (!isAfterHours(input.businessHours, input.at)) {
      lines.push(words.open)
    } else {
      const opens = nextOpening(input.businessHours, input.at)
      lines.push(opens ? words.closed(formatInstant(opens, input.businessHours.timeZone)) : words.closedLong)
    }
  }
  return lines.join('\n')
}
