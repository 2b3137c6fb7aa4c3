import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DingtalkRobotWebhook, type RobotMessage } from '../../adapters/dingtalk/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

/** A manual clock: time moves only when every send in flight is asleep or finished. */
class ManualClock {
  now = 1_700_000_000_000
  readonly #timers: { at: number; resolve: () => void }[] = []
  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.#timers.push({ at: this.now + ms, resolve })
    })
  get sleeping(): number {
    return this.#timers.length
  }
  /** Advances to the earliest timer and wakes it. */
  advance(): void {
    this.#timers.sort((a, b) => a.at - b.at)
    const next = this.#timers.shift()
    if (!next) return
    this.now = Math.max(this.now, next.at)
    next.resolve()
  }
}

async function drive(clock: ManualClock, sends: Promise<unknown>[]): Promise<void> {
  let finished = 0
  const all = sends.map((send) => send.finally(() => finished++))
  while (finished < sends.length) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    if (clock.sleeping > 0 && clock.sleeping + finished === sends.length) clock.advance()
  }
  await Promise.all(all)
}

const ping = (i: number): RobotMessage => ({ msgtype: 'markdown', markdown: { title: `升级 ${i}`, text: `### 升级 ${i}\n买家威胁提起 A-to-z 索赔` } })

describe('DingTalk custom robot webhook', () => {
  let clock: ManualClock
  let fake: FakeDingtalk
  const logger = new RecordingLogger()

  beforeEach(async () => {
    clock = new ManualClock()
    fake = new FakeDingtalk({
      appKey: 'k',
      appSecret: 's',
      robots: [{ accessToken: 'robot-token-1', secret: 'SECrobotsecret' }],
      now: () => clock.now,
    })
    await fake.start()
  })
  afterEach(async () => {
    await fake.stop()
  })

  it('sends signed messages the fake accepts', async () => {
    const robot = new DingtalkRobotWebhook({ webhookUrl: fake.robotUrl('robot-token-1'), secret: 'SECrobotsecret' }, logger, { now: () => clock.now, sleep: clock.sleep })
    await robot.send(ping(1))
    expect(fake.robotMessages).toHaveLength(1)
    expect(fake.robotMessages[0]?.body).toEqual(ping(1))
    const call = fake.callsTo('/robot/send')[0]
    expect(call?.query['timestamp']).toBe(String(clock.now))
    expect(call?.code).toBe(0)
    expect(logger.text()).not.toContain('robot-token-1')
  })

  it('is refused with a wrong secret (errcode 310000)', async () => {
    const robot = new DingtalkRobotWebhook({ webhookUrl: fake.robotUrl('robot-token-1'), secret: 'SECwrong' }, logger, { now: () => clock.now, sleep: clock.sleep })
    await expect(robot.send(ping(1))).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['code'] === 310000)
  })

  it('queues past 20 a minute instead of dropping or tripping errcode 130101', async () => {
    const robot = new DingtalkRobotWebhook({ webhookUrl: fake.robotUrl('robot-token-1'), secret: 'SECrobotsecret' }, logger, { now: () => clock.now, sleep: clock.sleep })
    const start = clock.now
    await drive(clock, Array.from({ length: 45 }, (_, i) => robot.send(ping(i))))
    expect(fake.robotMessages).toHaveLength(45)
    expect(fake.callsTo('/robot/send').every((call) => call.code === 0)).toBe(true)
    const times = fake.robotMessages.map((m) => m.at)
    for (let i = 20; i < times.length; i++) expect((times[i] as number) - (times[i - 20] as number)).toBeGreaterThanOrEqual(60_000)
    expect(times.filter((at) => at === start)).toHaveLength(20)
    expect(new Set(fake.robotMessages.map((m) => (m.body as { markdown: { title: string } }).markdown.title)).size).toBe(45)
  })

  it('waits out errcode 130101 when another sender used the same robot', async () => {
    const options = { webhookUrl: fake.robotUrl('robot-token-1'), secret: 'SECrobotsecret' }
    const first = new DingtalkRobotWebhook(options, logger, { now: () => clock.now, sleep: clock.sleep })
    const second = new DingtalkRobotWebhook(options, logger, { now: () => clock.now, sleep: clock.sleep })
    await drive(clock, [...Array.from({ length: 15 }, (_, i) => first.send(ping(i))), ...Array.from({ length: 10 }, (_, i) => second.send(ping(100 + i)))])
    expect(fake.robotMessages).toHaveLength(25)
    expect(fake.callsTo('/robot/send').some((call) => call.code === 130101)).toBe(true)
  })

  it('refuses a message over 20 KB before sending', async () => {
    const robot = new DingtalkRobotWebhook({ webhookUrl: fake.robotUrl('robot-token-1'), secret: 'SECrobotsecret' }, logger, { now: () => clock.now, sleep: clock.sleep })
    await expect(robot.send({ msgtype: 'markdown', markdown: { title: 't', text: '长'.repeat(7000) } })).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_MESSAGE_TOO_LARGE'))
    expect(fake.callsTo('/robot/send')).toHaveLength(0)
  })
})
