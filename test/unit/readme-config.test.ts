import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'

describe('the README', () => {
  it("has a configuration example that the service accepts as it stands", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toBeDefined()
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-readme-'))
    try {
      const file = path.join(dir, 'buyerbridge.yaml')
      writeFileSync(file, example!)
      const config = loadConfig({ BUYERBRIDGE_CONFIG: file, EU_LWA_CLIENT_ID: 'id', EU_LWA_CLIENT_SECRET: 's', EU_REFRESH_TOKEN: 'r', EU_IMAP_PASSWORD: 'p', DINGTALK_ROBOT_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=t', DINGTALK_ROBOT_SECRET: 'SECx' })
      expect(config.stores.map((s) => s.id)).toEqual(['eu-main'])
      expect(config.file.routing.rules).toHaveLength(2)
      expect(config.file.oncall?.rotation).toEqual(['sam', 'li.wei'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
