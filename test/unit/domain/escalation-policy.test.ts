import { describe, expect, it } from 'vitest'
import { escalationPolicySchema, personSchema } from '../../../src/domain/routing/config-schema.ts'
import {
  dueRenotification,
  escalatedToText,
  escalationReason,
  escalationRecipients,
  nextRenotification,
  renotifyAt,
  renotifyKey,
  renotifySchedule,
  shouldEscalate,
  type EscalationFacts,
} from '../../../src/domain/routing/escalation.ts'

const policy = escalationPolicySchema.parse({}) // score ≥ 70 or a-to-z, chargeback, legal-threat, safety, counterfeit

describe('shouldEscalate', () => {
  type Row = [label: string, facts: EscalationFacts, escalate: boolean, en: string[], zh: string[]]
  it.each<Row>([
    ['calm message', { riskFlags: [], riskScore: 10 }, false, [], []],
    ['a flag outside the policy', { riskFlags: ['damaged', 'review-threat'], riskScore: 40 }, false, [], []],
    ['score just below', { riskFlags: [], riskScore: 69.99 }, false, [], []],
    ['score at the minimum', { riskFlags: [], riskScore: 70 }, true, ['Risk score 70 ≥ 70'], ['风险分 70 ≥ 70']],
    ['one policy flag', { riskFlags: ['a-to-z'], riskScore: 20 }, true, ['Risk flag: A-to-z claim'], ['风险标记：A-to-z 索赔']],
    [
      'flags in vocabulary order, then the score',
      { riskFlags: ['safety', 'damaged', 'chargeback'], riskScore: 95 },
      true,
      ['Risk flag: Chargeback', 'Risk flag: Safety issue', 'Risk score 95 ≥ 70'],
      ['风险标记：信用卡拒付', '风险标记：安全问题', '风险分 95 ≥ 70'],
    ],
  ])('%s', (_label, facts, escalate, en, zh) => {
    expect(shouldEscalate(policy, facts, 'en')).toMatchObject({ escalate, reasons: en })
    expect(shouldEscalate(policy, facts, 'zh-CN')).toMatchObject({ escalate, reasons: zh })
  })

  it('follows a configured policy', () => {
    const strict = escalationPolicySchema.parse({ minRiskScore: 50, flags: ['review-threat'] })
    expect(shouldEscalate(strict, { riskFlags: ['review-threat'], riskScore: 0 })).toMatchObject({ escalate: true, flags: ['review-threat'], score: false })
    expect(shouldEscalate(strict, { riskFlags: ['a-to-z'], riskScore: 49 }).escalate).toBe(false)
    expect(shouldEscalate(strict, { riskFlags: [], riskScore: Number.NaN }).escalate).toBe(false)
  })

  it('joins the reasons for the conversation record', () => {
    const decision = shouldEscalate(policy, { riskFlags: ['legal-threat'], riskScore: 80 }, 'zh-CN')
    expect(escalationReason(decision, 'zh-CN')).toBe('风险标记：法律威胁；风险分 80 ≥ 70')
    expect(escalationReason(shouldEscalate(policy, { riskFlags: ['legal-threat'], riskScore: 80 }))).toBe('Risk flag: Legal threat; Risk score 80 ≥ 70')
  })
})

describe('escalationRecipients', () => {
  it('manager channel plus manager DMs on the policy platforms', () => {
    const people = [
      personSchema.parse({ id: 'li', name: 'Li', roles: ['manager'], slack: 'U1', dingtalk: 'ding-li' }),
      personSchema.parse({ id: 'jo', name: 'Jo', roles: ['agent'], slack: 'U2' }),
    ]
    const p = escalationPolicySchema.parse({ targets: [{ platform: 'dingtalk', channel: 'cid_mgr', uiLanguage: 'zh-CN' }], dmPlatforms: ['dingtalk'] })
    expect(escalationRecipients(p, people)).toEqual([
      { kind: 'channel', platform: 'dingtalk', channel: 'cid_mgr', uiLanguage: 'zh-CN' },
      { kind: 'dm', platform: 'dingtalk', personId: 'li', userId: 'ding-li', uiLanguage: 'en' },
    ])
  })
})

describe('escalatedToText', () => {
  const people = [personSchema.parse({ id: 'li', name: 'Li Wei', roles: ['manager'], slack: 'U1', feishu: 'ou_li' }), personSchema.parse({ id: 'sam', name: 'Sam', roles: ['manager'], slack: 'U2' })]
  const p = escalationPolicySchema.parse({ targets: [{ platform: 'slack', channel: 'C_MGR' }] })

  it('names each manager reached by DM once', () => {
    expect(escalatedToText(escalationRecipients(p, people), people)).toBe('Escalated to Li Wei, Sam')
    expect(escalatedToText(escalationRecipients(p, people), people, 'zh-CN')).toBe('已升级给 Li Wei、Sam')
  })

  it('falls back to the channel, or says nobody is configured', () => {
    const channelOnly = escalationRecipients(escalationPolicySchema.parse({ targets: [{ platform: 'slack', channel: 'C_MGR' }], managers: [] }), people)
    expect(escalatedToText(channelOnly, people)).toBe("Escalated to the managers' channel")
    expect(escalatedToText([], people, 'zh-CN')).toBe('已升级（未配置主管接收方）')
  })
})

describe('re-notification', () => {
  const escalatedAt = new Date('2026-03-08T10:00:00Z')
  const minutes = (m: number) => new Date(escalatedAt.getTime() + m * 60_000)
  const every30 = escalationPolicySchema.parse({ renotifyMinutes: 30 })
  const capped = escalationPolicySchema.parse({ renotifyMinutes: 30, maxRenotifications: 2 })

  type Row = [label: string, now: number, ack: number | null, round: number | null]
  it.each<Row>([
    ['right after escalating', 0, null, 1],
    ['just before the first round', 29.99, null, 1],
    ['at the first round, the next one', 30, null, 2],
    ['much later, still unacknowledged', 605, null, 21],
    ['acknowledged before now', 45, 40, null],
    ['acknowledged at now', 45, 45, null],
    ['ack later than now: a round due at the ack counts', 30, 60, 2],
    ['ack later than now: a round due after the ack does not', 30, 59, null],
  ])('%s', (_label, now, ack, round) => {
    const next = nextRenotification(every30, escalatedAt, minutes(now), ack === null ? null : minutes(ack))
    expect(next?.round ?? null).toBe(round)
    if (round !== null) expect(next?.at).toEqual(minutes(round * 30))
  })

  it('stops after maxRenotifications', () => {
    expect(renotifyAt(capped, escalatedAt, minutes(31), null)).toEqual(minutes(60))
    expect(renotifyAt(capped, escalatedAt, minutes(60), null)).toBeNull()
    expect(renotifySchedule(capped, escalatedAt)).toEqual([
      { round: 1, at: minutes(30) },
      { round: 2, at: minutes(60) },
    ])
    expect(() => renotifySchedule(every30, escalatedAt)).toThrow(expect.objectContaining({ code: 'UNBOUNDED_SCHEDULE' }))
  })

  it('a late or repeated job computes the same round and key', () => {
    const keys = [60, 60.001, 75, 89.99].map((m) => {
      const due = dueRenotification(every30, escalatedAt, minutes(m), null)
      return due && renotifyKey('conv-7', escalatedAt, due.round)
    })
    expect(new Set(keys)).toEqual(new Set([`renotify:conv-7:${escalatedAt.getTime()}:2`]))
  })

  it('the due round: none before the first, none after an ack, the last one past the cap', () => {
    expect(dueRenotification(every30, escalatedAt, minutes(29.99), null)).toBeNull()
    expect(dueRenotification(every30, escalatedAt, minutes(30), null)).toEqual({ round: 1, at: minutes(30) })
    expect(dueRenotification(every30, escalatedAt, minutes(30), minutes(30))).toBeNull()
    expect(dueRenotification(every30, escalatedAt, minutes(30), minutes(31))).toEqual({ round: 1, at: minutes(30) })
    expect(dueRenotification(capped, escalatedAt, minutes(500), null)).toEqual({ round: 2, at: minutes(60) })
  })
})
