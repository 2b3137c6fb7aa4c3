import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, maskUrlPassword } from '../../src/config.ts'

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

function writeYaml(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-config-'))
  const file = path.join(dir, 'buyerbridge.yaml')
  writeFileSync(file, text)
  return file
}

describe('config from the environment', () => {
  it('defaults to demo mode on the embedded database', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.host).toBe('0.0.0.0')
    expect(config.database).toEqual({ kind: 'embedded', dataDir: path.resolve('./data') })
    expect(config.demo.enabled).toBe(true)
    expect(config.stores.map((s) => s.id)).toEqual(['demo'])
  })

  it.each([
    ['PORT', { PORT: 'abc' }, 'PORT: expected an integer from 0 to 65535, found "abc"'],
    ['PORT range', { PORT: '70000' }, 'PORT: expected an integer from 0 to 65535, found "70000"'],
    ['DATABASE_URL scheme', { DATABASE_URL: 'mysql://u:hunter2@db/x' }, 'DATABASE_URL: expected a postgres:// or postgresql:// URL, found "mysql://u:***@db/x"'],
    ['SPAPI_REGION', { SPAPI_REGION: 'us' }, 'SPAPI_REGION: expected na, eu or fe, found "us"'],
    ['marketplaces', { SPAPI_MARKETPLACE_IDS: 'US,XX' }, 'SPAPI_MARKETPLACE_IDS: expected marketplace ids or country codes, "XX" is neither, found "US,XX"'],
    ['SLACK_API_URL', { SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL: expected an http:// or https:// URL, found "ftp://x"'],
    ['FEISHU_DOMAIN', { FEISHU_DOMAIN: 'wechat' }, 'FEISHU_DOMAIN: expected feishu, lark or a base URL, found "wechat"'],
    ['SMTP_FROM', { SMTP_FROM: 'not-an-address', SMTP_URL: 'smtp://h:25' }, 'SMTP_FROM: expected an e-mail address, found "not-an-address"'],
    ['DEMO', { DEMO: 'maybe' }, 'DEMO: expected 1 or 0 (or true/false), found "maybe"'],
  ])('rejects a bad %s with the key, the expectation and what was found', (_name, env, line) => {
    expect(problemsOf(env)).toContain(line)
  })

  it.each([
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'short-secret' }],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxp-user-token-value' }],
  ])('never prints the value of secret %s', (key, env) => {
    const problems = problemsOf(env)
    const line = problems.find((p) => p.startsWith(`${key}:`))
    expect(line).toMatch(/found a value of \d+ characters \(not shown\)/)
    expect(problems.join('\n')).not.toContain(Object.values(env)[0])
  })

  it('reports every problem at once, one line each', () => {
    const problems = problemsOf({ PORT: 'x', SPAPI_REGION: 'mars', DEMO: '2' })
    expect(problems).toHaveLength(3)
  })

  it.each([
    [{ LWA_CLIENT_ID: 'amzn1.app' }, 'LWA_CLIENT_SECRET: expected to be set because LWA_CLIENT_ID is set (SP-API), found nothing'],
    [{ SMTP_URL: 'smtp://mail:25' }, 'SMTP_FROM: expected to be set because SMTP_URL is set (SMTP), found nothing'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_CHANNEL: 'C1' }, 'SLACK_SIGNING_SECRET: expected to be set (or SLACK_APP_TOKEN for Socket Mode) because SLACK_BOT_TOKEN is set, found nothing'],
    [{ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's' }, 'FEISHU_CHAT_ID: expected to be set because FEISHU_APP_ID is set (Feishu), found nothing'],
  ])('requires the rest of a group when one variable of it is set (%o)', (env, line) => {
    expect(problemsOf(env)).toContain(line)
  })

  it('builds the default store from SP-API variables and leaves demo mode', () => {
    const config = loadConfig({
      LWA_CLIENT_ID: 'amzn1.application-oa2-client.x',
      LWA_CLIENT_SECRET: 'secret',
      SPAPI_REFRESH_TOKEN: 'Atzr|x',
      SPAPI_REGION: 'eu',
      SPAPI_MARKETPLACE_IDS: 'A1PA6795UKMFR9, FR',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bb',
    })
    expect(config.demo.enabled).toBe(false)
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/bb' })
    expect(config.stores).toEqual([
      expect.objectContaining({ id: 'default', region: 'eu', marketplaces: ['DE', 'FR'], mailbox: null }),
    ])
  })

  it('DEMO=1 forces demo mode even with a source configured', () => {
    expect(loadConfig({ DEMO: '1', INBOUND_EMAIL_TOKEN: 'x'.repeat(20) }).demo).toEqual({ enabled: true, reason: 'DEMO=1 is set' })
  })
})

describe('config file', () => {
  it('loads stores, people and routing, resolving ${VAR} from the environment', () => {
    const file = writeYaml(`
stores:
  - id: eu-main
    name: Acme EU
    region: eu
    marketplaces: [DE, fr, GB]
    credentials: { lwaClientId: amzn1.x, lwaClientSecret: "\${EU_SECRET}", refreshToken: "\${EU_REFRESH}" }
people:
  - { id: li.wei, name: Li Wei, roles: [agent, manager], slack: U123, feishu: ou_abc }
routing:
  - match: { marketplaces: [DE], intents: [damaged-defective] }
    targets: [{ platform: slack, channel: C-DE, uiLanguage: zh-CN }]
businessHours:
  shenzhen: { timeZone: Asia/Shanghai, weekly: { mon: [{ start: "09:00", end: "18:00" }] }, holidays: ["2026-10-01"] }
`)
    const config = loadConfig({ BUYERBRIDGE_CONFIG: file, EU_SECRET: 's3cret', EU_REFRESH: 'Atzr|r' })
    expect(config.stores[0]).toMatchObject({
      id: 'eu-main',
      marketplaces: ['DE', 'FR', 'UK'],
      credentials: { lwaClientId: 'amzn1.x', lwaClientSecret: 's3cret', refreshToken: 'Atzr|r' },
    })
    expect(config.demo.enabled).toBe(false)
    expect(config.file.people[0]?.roles).toEqual(['agent', 'manager'])
    expect(config.file.routing.rules[0]?.targets[0]).toEqual({ platform: 'slack', channel: 'C-DE', uiLanguage: 'zh-CN' })
    expect(config.file.sla.reminderOffsetsMinutes).toEqual([360, 60])
  })

  it.each([
    ['unknown key', 'stoers: []', 'buyerbridge.yaml: (root): expected no key "stoers" here (unknown setting), found it in the file'],
    ['bad marketplace', 'stores: [{ id: s, name: S, marketplaces: [XX] }]', 'buyerbridge.yaml: stores[0].marketplaces[0]: expected a marketplace country code such as US, DE, JP, found "XX"'],
    ['bad intent', 'routing: [{ match: { intents: [lost] }, targets: [{ platform: slack, channel: C1 }] }]', 'buyerbridge.yaml: routing.rules[0].match.intents[0]: expected one of'],
    ['bad platform', 'routing: [{ targets: [{ platform: teams, channel: C1 }] }]', 'buyerbridge.yaml: routing.rules[0].targets[0].platform: expected one of slack, feishu, dingtalk, console, found "teams"'],
    ['bad time zone', 'businessHours: { t: { timeZone: Mars/Olympus, weekly: {} } }', 'buyerbridge.yaml: businessHours.t.timeZone: expected timeZone must be an IANA time zone name such as "Asia/Shanghai"'],
    ['bad time', 'businessHours: { t: { timeZone: UTC, weekly: { mon: [{ start: "9am", end: "18:00" }] } } }', 'buyerbridge.yaml: businessHours.t.weekly.mon[0].start: expected start must be a 24-hour time "HH:MM"'],
    ['unset variable', 'stores: [{ id: s, name: S, mailbox: "imap://u:${NO_SUCH_VAR}@h/INBOX" }]', 'buyerbridge.yaml: stores[0].mailbox: expected environment variable NO_SUCH_VAR to be set, found it unset'],
    ['YAML syntax', 'stores: [unclosed', 'buyerbridge.yaml:1:'],
  ])('names the key for a file with %s', (_name, yaml, expected) => {
    const problems = problemsOf({ BUYERBRIDGE_CONFIG: writeYaml(yaml) })
    expect(problems.some((p) => p.startsWith(expected))).toBe(true)
  })

  it('names a missing file', () => {
    expect(problemsOf({ BUYERBRIDGE_CONFIG: '/nonexistent/bb.yaml' })).toEqual([
      'BUYERBRIDGE_CONFIG: expected a readable YAML file, found /nonexistent/bb.yaml (no such file)',
    ])
  })

  it('hides secrets taken from the file', () => {
    const problems = problemsOf({
      BUYERBRIDGE_CONFIG: writeYaml('stores: [{ id: s, name: S, credentials: { lwaClientId: a, lwaClientSecret: 42, refreshToken: r } }]'),
    })
    expect(problems).toContain('buyerbridge.yaml: stores[0].credentials.lwaClientSecret: expected string, found a value of 2 characters (not shown)')
  })
})

describe('maskUrlPassword', () => {
  it.each([
    ['imaps://user:p%40ss@mail.example.com:993/INBOX', 'imaps://user:***@mail.example.com:993/INBOX'],
    ['postgres://postgres@127.0.0.1/db', 'postgres://postgres@127.0.0.1/db'],
  ])('%s', (input, expected) => expect(maskUrlPassword(input)).toBe(expected))
})
