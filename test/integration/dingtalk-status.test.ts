// A DingTalk Stream connection that is down shows in readiness (named once down past the threshold, without
// making the replica unready) and `doctor` checks the app's credentials against the token and gateway calls.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DingtalkStreamConnector } from '../../adapters/dingtalk/index.ts'
import { doctorChecks, runChecks } from '../../src/cli/doctor.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import { checkReadiness } from '../../src/services/readiness.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const APP = { appKey: 'ding-status-key', appSecret: 'ding-status-secret-0123456789' }
let database: DatabaseHandle & { drop(): Promise<void> }
let fake: FakeDingtalk
let connector: DingtalkStreamConnector | null = null

beforeAll(async () => {
  database = await openTestDatabase()
  fake = new FakeDingtalk(APP)
  await fake.start()
}, 60_000)
afterEach(async () => {
  await connector?.stop()
  connector = null
  fake.clearForced()
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

const live = (degradedAfterMs: number) => ({
  sources: () => {
    const health = connector!.health()
    return [{ name: 'dingtalk-stream', state: health.state, downSince: health.downSince, lastError: health.lastError }]
  },
  degradedAfterMs,
})

describe(`DingTalk Stream status in /readyz (${testDatabaseMode})`, () => {
  it('names a stream down past the threshold and keeps the replica ready', async () => {
    fake.failNext('/v1.0/gateway/connections/open', { status: 503, body: { code: 'ServiceUnavailable', message: 'gateway busy' } }, 10_000)
    connector = new DingtalkStreamConnector({ ...APP, apiBaseUrl: fake.baseUrl, reconnect: { baseDelayMs: 50, maxDelayMs: 100 } }, async () => ({}), new RecordingLogger(), { random: () => 0.5 })
    connector.start()
    await fake.stream.waitFor(() => connector!.health().lastError !== null, 5000, 'a refused attempt')

    const early = await checkReadiness(database, { shuttingDown: false, started: true }, live(60_000))
    expect(early.ready).toBe(true)
    expect(early.degraded).toEqual([])
    // Between attempts it is `down`, during one `starting`; either way the last error is kept.
    expect(early.integrations.find((i) => i.name === 'dingtalk-stream')).toMatchObject({ state: expect.stringMatching(/^(down|starting)$/), lastError: expect.stringContaining('ServiceUnavailable') })

    await new Promise((resolve) => setTimeout(resolve, 400))
    const late = await checkReadiness(database, { shuttingDown: false, started: true }, live(300))
    expect(late.ready).toBe(true)
    expect(late.degraded).toHaveLength(1)
    expect(late.degraded[0]).toMatch(/^dingtalk-stream: not connected for \d+ s \(gateway\.connections\.open: HTTP 503, ServiceUnavailable/)
    expect(late.integrations.find((i) => i.name === 'dingtalk-stream')?.downSince).toEqual(expect.any(String))

  })

  it('reports connected with nothing degraded once the gateway answers', async () => {
    connector = new DingtalkStreamConnector({ ...APP, apiBaseUrl: fake.baseUrl, reconnect: { baseDelayMs: 50, maxDelayMs: 100 } }, async () => ({}), new RecordingLogger())
    connector.start()
    await fake.stream.waitFor(() => connector!.health().state === 'connected', 5000, 'connected')
    const report = await checkReadiness(database, { shuttingDown: false, started: true }, live(0))
    expect(report.degraded).toEqual([])
    expect(report.integrations.find((i) => i.name === 'dingtalk-stream')).toMatchObject({ state: 'ok', downSince: null, lastError: null })
  })
})

describe('doctor checks DingTalk with the configured app', () => {
  const env = (appSecret: string, apiUrl = fake.baseUrl) => ({
    DATA_DIR: '/nonexistent-not-used',
    DINGTALK_APP_KEY: APP.appKey,
    DINGTALK_APP_SECRET: appSecret,
    DINGTALK_ROBOT_CODE: 'ding-robot',
    DINGTALK_CONVERSATION_ID: 'cid==',
    DINGTALK_CARD_TEMPLATE_ID: 'tpl',
    DINGTALK_API_URL: apiUrl,
  })
  const dingtalkResults = async (values: Record<string, string>) =>
    runChecks(doctorChecks(loadConfig(values), silentLogger).filter((check) => check.name.startsWith('dingtalk')))

  it('gets an access token and opens a Stream connection', async () => {
    const before = fake.callsTo('/v1.0/gateway/connections/open').length
    const results = await dingtalkResults(env(APP.appSecret))
    expect(results).toEqual([
      { name: 'dingtalk:token', ok: true, detail: 'access token issued for the app key' },
      { name: 'dingtalk:stream', ok: true, detail: expect.stringMatching(/^gateway connection opened \(endpoint 127\.0\.0\.1:\d+\)$/) },
    ])
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(before + 1)
  })

  it('fails both with a wrong secret, naming DingTalk’s answer and never the secret', async () => {
    const results = await dingtalkResults(env('wrong-secret-9876543210'))
    expect(results.map((r) => r.ok)).toEqual([false, false])
    expect(results[0]?.detail).toContain('invalidClientIdOrSecret')
    expect(results[1]?.detail).toContain('HTTP 401')
    expect(JSON.stringify(results)).not.toContain('wrong-secret-9876543210')
  })

  it('checks that each custom robot’s host is reachable, without sending to the group', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-dingtalk-doctor-'))
    try {
      const file = path.join(dir, 'buyerbridge.yaml')
      writeFileSync(file, 'dingtalk:\n  robots:\n    - { id: ops, webhook: "${ROBOT_URL}" }\n')
      const results = await dingtalkResults({ ...env(APP.appSecret), BUYERBRIDGE_CONFIG: file, ROBOT_URL: fake.robotUrl('doctor-robot-token') })
      expect(results.find((r) => r.name === 'dingtalk:robot:ops')).toEqual({ name: 'dingtalk:robot:ops', ok: true, detail: expect.stringMatching(/^127\.0\.0\.1:\d+ reachable$/) })
      expect(fake.callsTo('/robot/send')).toHaveLength(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('fails when DingTalk cannot be reached', async () => {
    const results = await dingtalkResults(env(APP.appSecret, 'http://127.0.0.1:9'))
    expect(results.map((r) => r.ok)).toEqual([false, false])
    expect(results[0]?.detail).toMatch(/^oauth2\.accessToken: /)
  })
})
