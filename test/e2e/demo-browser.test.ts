// The newcomer's first minute, in a real browser: the whole service in demo mode (its simulated Amazon feeding
// buyer e-mails, the SP-API simulator, the SMTP sink as the Outbox), driven in Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseMode } from '../support/database.ts'
import { startTestService, type TestService } from '../support/service.ts'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts')
const playwright = await import('playwright-core').catch(() => null)
const missing = !playwright ? 'playwright-core is not installed' : !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (run scripts/ci/install-system-packages.sh)` : null
if (missing) console.warn(`demo-browser tests skipped: ${missing}`)

let running: TestService
let browser: Browser

describe.skipIf(missing !== null)(`demo mode in a real browser (${testDatabaseMode})`, () => {
  beforeAll(async () => {
    running = await startTestService({ DEMO: '1' })
    browser = await playwright!.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    mkdirSync(ARTIFACTS, { recursive: true })
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await running?.stop()
  })

  it('shows a simulated buyer message as a card, sends a template reply, and the buyer gets it in the Outbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${running.url}/console`)
    expect(await page.locator('.banner').innerText()).toContain('Demo')
    const card = page.locator('[id^="card-"]').first()
    await card.waitFor({ timeout: 15_000 })
    const conversationId = (await card.getAttribute('id'))!.slice('card-'.length)

    await card.locator('select.template-pick').selectOption('checking-thank-you')
    const editor = card.locator('textarea.reply-text')
    await editor.waitFor()
    const orderId = (await running.service.database()!.db.selectFrom('conversations').select('order_id').where('id', '=', conversationId).executeTakeFirstOrThrow()).order_id!
    expect(await editor.inputValue()).toContain(orderId)
    await card.locator('.lint-ok').waitFor({ timeout: 10_000 })
    await card.locator('.editor-send').click()
    await page.locator(`#card-${conversationId} .status li`, { hasText: 'Sent' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-console.png'), fullPage: true })

    await page.goto(`${running.url}/console/outbox`)
    expect(await page.locator('.outbox .mail').first().innerText()).toContain(orderId)

    await page.goto(`${running.url}/console/dashboard`)
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(4)
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-dashboard.png'), fullPage: true })
    await page.close()
  }, 90_000)
})
