import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { robotPingMessage } from '../../adapters/dingtalk/index.ts'
import { ConfigError, loadConfig } from '../../src/config.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-dingtalk-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function load(yaml: string, env: Record<string, string> = {}) {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(file, yaml)
  return loadConfig({ BUYERBRIDGE_CONFIG: file, ...env })
}

function problems(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    load(yaml, env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('dingtalk.robots in the config file', () => {
  it('reads robots with the webhook and secret from the environment', () => {
    const config = load('dingtalk:\n  robots:\n    - { id: ops, webhook: "${ROBOT_URL}", secret: "${ROBOT_SECRET}" }\n', {
      ROBOT_URL: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
      ROBOT_SECRET: 'SECxyz',
    })
    expect(config.file.dingtalk.robots).toEqual([{ id: 'ops', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret: 'SECxyz', uiLanguage: 'zh-CN' }])
  })

  it('defaults to no robots', () => {
    expect(load('people: []\n').file.dingtalk).toEqual({ robots: [] })
  })

  it('names a webhook without its access token and never prints it', () => {
    const found = problems('dingtalk:\n  robots:\n    - { id: ops, webhook: "https://oapi.dingtalk.com/robot/send?token=leaky-value" }\n')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/dingtalk\.robots\[0\]\.webhook: expected the robot webhook URL with its access_token, found a value of \d+ characters \(not shown\)/)
    expect(found[0]).not.toContain('leaky-value')
  })

  it('refuses the same robot id twice and unknown keys', () => {
    expect(problems('dingtalk:\n  robots:\n    - { id: ops, webhook: "https://x.example/robot/send?access_token=a" }\n    - { id: ops, webhook: "https://x.example/robot/send?access_token=b" }\n')).toEqual([
      expect.stringContaining('dingtalk.robots: expected every robot id once'),
    ])
    expect(problems('dingtalk:\n  robot: []\n')[0]).toContain('dingtalk: expected no key "robot" here')
  })
})

describe('robot ping message', () => {
  it('is markdown whose buyer text cannot become links, images, HTML or headings', () => {
    const message = robotPingMessage({ title: 'Buyerbridge · 已升级给主管', lines: ['买家消息: see [here](http://evil.example) <b>now</b>\n# heading', '请确认'] })
    expect(message).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: 'Buyerbridge · 已升级给主管',
        text: '### Buyerbridge · 已升级给主管\n\n- 买家消息: see ［here］(http://evil.example) ＜b＞now＜/b＞ # heading\n- 请确认',
      },
    })
  })

  it('stays within the robot’s 20 KB', () => {
    const message = robotPingMessage({ title: 't', lines: Array.from({ length: 30 }, () => '长'.repeat(1000)) })
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(20_000)
  })
})
