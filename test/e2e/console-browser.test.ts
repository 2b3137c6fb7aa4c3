// A real Chromium (Debian's /usr/bin/chromium driven by playwright-core) against a Fastify server running
// the console plugin in demo mode over a seeded database, the real reply pipeline and the SMTP sink.
// Skipped, saying why, when playwright-core or the browser is missing.

import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleRoutes } from '../../src/http/console/index.ts'
import { QueueReplyJobs } from '../../src/jobs/reply-jobs.ts'
import { createReplyService, type Person } from '../../src/services/reply/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { silentLogger, testDatabaseMode } from '../support/database.ts'
import { PEOPLE, seedConversation, startPipeline, TEMPLATES_DIR, type Pipeline } from '../integration/reply-harness.ts'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts')

const playwright = await import('playwright-core').catch(() => null)
const missing = !playwright ? 'playwright-core is not installed' : !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install -y chromium)` : null
if (missing) console.warn(`console-browser tests skipped: ${missing}`)

const PEOPLE_WITH_OPERATOR: Person[] = [...PEOPLE, { id: 'olga', name: 'Olga Operator', roles: ['agent'], console: 'operator' }]

let pipeline: Pipeline
let app: FastifyInstance
let browser: Browser
let baseUrl: string

describe.skipIf(missing !== null)(`console in a real browser (${testDatabaseMode})`, () => {
  beforeAll(async () => {
    pipeline = await startPipeline()
    const library = await loadTemplateLibrary(TEMPLATES_DIR)
    const replies = createReplyService({
      db: pipeline.db,
      jobs: new QueueReplyJobs(pipeline.queue),
      senders: (replyPath) => (replyPath === 'email' ? pipeline.smtp : null),
      templates: library,
      people: PEOPLE_WITH_OPERATOR,
      approval: { agents: [], templates: [] },
      pausedByConfig: false,
      clock: { now: () => new Date() },
      logger: silentLogger,
      metrics: pipeline.metrics,
    })
    app = Fastify({ logger: false })
    await app.register(consoleRoutes, {
      db: () => pipeline.db,
      replies: () => replies,
      commands: () => ({ db: pipeline.db, people: PEOPLE_WITH_OPERATOR, clock: { now: () => new Date() }, refreshCards: async () => {} }),
      library: () => library,
      demo: true,
      consolePassword: null,
      adminToken: null,
      sessionSecret: 'browser-test-session-secret-0123456789',
      outbox: () => pipeline.sink.messages,
      clock: { now: () => new Date() },
      logger: silentLogger,
    })
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await playwright!.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    mkdirSync(ARTIFACTS, { recursive: true })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await pipeline?.close()
  })

  it('waits for a card, picks a template, sees lint feedback while typing, sends, sees "Sent" and the mail in the outbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${baseUrl}/console`)
    expect(await page.locator('.banner').innerText()).toContain('Demo — connect your real accounts: see README')

    // The conversation arrives after the page is open: the live update brings its card in.
    await page.locator('.live-indicator:not([hidden])').waitFor({ timeout: 10_000 })
    const seeded = await seedConversation(pipeline.db, { buyerName: 'Emma Stone' })
    const card = page.locator(`#card-${seeded.conversationId}`)
    await card.waitFor({ timeout: 15_000 })

    await card.locator('select.template-pick').selectOption('checking-thank-you')
    const editor = card.locator('textarea.reply-text')
    await editor.waitFor()
    const draft = await editor.inputValue()
    expect(draft).toContain(seeded.orderId!)

    await editor.press('End')
    await editor.pressSequentially(' https://tracking.example.com/x', { delay: 5 })
    await card.locator('.finding.block[data-rule="external-link"]').waitFor({ timeout: 10_000 })
    expect(await card.locator('.editor-send').isDisabled()).toBe(true)
    await editor.fill(draft)
    await card.locator('.lint-ok').waitFor({ timeout: 10_000 })
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-editor.png'), fullPage: true })

    await card.locator('.editor-send').click()
    await page.locator(`#card-${seeded.conversationId} .status li`, { hasText: 'Sent' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: path.join(ARTIFACTS, 'console.png'), fullPage: true })

    await page.goto(`${baseUrl}/console/conversations/${seeded.conversationId}`)
    await page.locator('.replies [data-state="sent"]').waitFor({ timeout: 10_000 })
    expect(await page.locator('.thread .message').first().innerText()).toContain('Where is my parcel?')
    await page.screenshot({ path: path.join(ARTIFACTS, 'conversation.png'), fullPage: true })

    await page.goto(`${baseUrl}/console/outbox`)
    expect(await page.locator('.outbox .mail').first().innerText()).toContain(seeded.orderId!)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${baseUrl}/console?lang=zh-CN`)
    await page.locator(`#card-${seeded.conversationId}`).waitFor()
    expect(await page.locator('.banner').innerText()).toContain('演示模式')
    const width = await page.evaluate<number>('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-phone.png'), fullPage: true })
    await page.close()
  }, 90_000)

  it('assigns and escalates (with a reason) from the card buttons', async () => {
    const seeded = await seedConversation(pipeline.db)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${baseUrl}/console`)
    const card = page.locator(`#card-${seeded.conversationId}`)
    await card.locator('button[data-action="bb.assign"]').click()
    await page.locator(`#card-${seeded.conversationId} [data-field="assignee"] dd`, { hasText: 'Olga Operator' }).waitFor({ timeout: 10_000 })
    page.once('dialog', (dialog) => void dialog.accept('Buyer mentions a lawyer'))
    await page.locator(`#card-${seeded.conversationId} button[data-action="bb.escalate"]`).click()
    await page.locator(`#card-${seeded.conversationId} .status li`, { hasText: 'Escalated by Olga Operator' }).waitFor({ timeout: 10_000 })
    const row = await pipeline.db.selectFrom('conversations').select(['assignee', 'escalation_reason']).where('id', '=', seeded.conversationId).executeTakeFirstOrThrow()
    expect(row).toEqual({ assignee: 'Olga Operator', escalation_reason: 'Buyer mentions a lawyer' })
    await page.close()
  }, 60_000)

  it('renders the dashboard with its SVG charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${baseUrl}/console/dashboard`)
    const charts = page.locator('svg.chart')
    expect(await charts.count()).toBeGreaterThanOrEqual(4)
    const box = await page.locator('#panel-sla svg.chart').boundingBox()
    expect(box?.width).toBeGreaterThan(200)
    expect(box?.height).toBeGreaterThan(80)
    // The response-time chart has one bar per bucket, drawn.
    expect(await page.locator('#panel-response-30 svg.chart rect').count()).toBe(5)
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true })
    await page.close()
  }, 60_000)
})
