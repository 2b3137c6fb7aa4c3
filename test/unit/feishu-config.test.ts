import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-feishu-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BASE = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'secret', FEISHU_CHAT_ID: 'oc_team' }

function load(env: Record<string, string>, yaml?: string) {
  let file: Record<string, string> = {}
  if (yaml !== undefined) {
    const at = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`)
    writeFileSync(at, yaml)
    file = { BUYERBRIDGE_CONFIG: at }
  }
  return loadConfig({ ...BASE, ...file, ...env })
}

function problems(env: Record<string, string>, yaml?: string): string[] {
  try {
    load(env, yaml)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.replace(/^[^:]+\.yaml: /, ''))
    throw error
  }
  return []
}

describe('Feishu connection and UI language', () => {
  it('uses webhooks when a verification token is set, else the long connection; Simplified Chinese by default', () => {
    expect(load({ FEISHU_VERIFICATION_TOKEN: 'token' }).feishu).toMatchObject({ connection: 'webhook', uiLanguage: 'zh-CN' })
    expect(load({}).feishu).toMatchObject({ connection: 'long-connection', uiLanguage: 'zh-CN' })
  })

  it('follows the config file', () => {
    const config = load({ FEISHU_VERIFICATION_TOKEN: 'token' }, 'feishu: { connection: long-connection, uiLanguage: en }\n')
    expect(config.feishu).toMatchObject({ connection: 'long-connection', uiLanguage: 'en' })
  })

  it.each([
    ['webhook without a token', {}, 'feishu: { connection: webhook }\n', 'FEISHU_VERIFICATION_TOKEN: expected to be set because feishu.connection is webhook in the config file, found nothing'],
    ['an app id the SDK long connection refuses', { FEISHU_APP_ID: 'cli_short' }, undefined, 'FEISHU_APP_ID: expected cli_ followed by 16 hex digits for the long connection (or set FEISHU_VERIFICATION_TOKEN for webhooks), found "cli_short"'],
    ['an unknown connection', {}, 'feishu: { connection: socket }\n', 'feishu.connection: expected webhook or long-connection, found "socket"'],
    ['an unknown language', {}, 'feishu: { uiLanguage: fr }\n', 'feishu.uiLanguage: expected en or zh-CN, found "fr"'],
  ])('refuses %s with a clear message', (_name, env, yaml, expected) => {
    expect(problems(env, yaml)).toEqual([expected])
  })
})
