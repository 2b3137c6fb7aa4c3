import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawHeader } from '../../adapters/simulator/smtp-sink.ts'
import { listCommandsOfConversation } from '../../src/db/repos/commands.ts'
import { writeSetting } from '../../src/db/repos/settings.ts'
import { testDatabaseMode } from '../support/database.ts'
import { anna, ben, mia, otto, replyState, seedConversation, sleep, startPipeline, waitFor, type Pipeline } from './reply-harness.ts'

let p: Pipeline

beforeAll(async () => {
  p = await startPipeline()
})
afterAll(async () => {
  await p?.close()
})

const settled = (state: string) => !['queued', 'sending'].includes(state)

async function sendAndSettle(replyId: string) {
  return waitFor(() => replyState(p.db, replyId), (r) => settled(r.state), 20_000)
}

describe(`reply pipeline, e-mail path (${testDatabaseMode})`, () => {
  it('renders, persists, sends one threaded plain-text e-mail and closes the conversation', async () => {
    const seed = await seedConversation(p.db, {
      sourceMessageId: 'msg-abc-1@amazon.com',
      references: ['earlier-1@amazon.com'],
      subject: 'Inquiry from Amazon customer Jordan (Order: 111-9990001-1234567)',
      orderId: '111-9990001-1234567',
    })
    const prepared = await p.service.prepareReply({ conversationId: seed.conversationId, actor: anna, templateId: 'checking-thank-you' })
    expect(prepared).toMatchObject({ path: 'email', availablePaths: ['email'], sendable: true, language: 'en', blockedReason: null })
    expect(prepared.text).toContain('111-9990001-1234567')
    expect(prepared.text).toContain('Anna Li')

    const before = p.sink.messages.length
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'slack-act-1', templateId: 'checking-thank-you' })
    expect(result.kind).toBe('queued')
    if (result.kind !== 'queued') return
    const row = await sendAndSettle(result.reply.id)
    expect(row).toMatchObject({ state: 'sent', sent_by: 'anna', attempts: 1, answers_message_id: seed.messageId })
    expect(row.provider_id).toMatch(/^BB[0-9A-F]{6}$/)

    expect(p.sink.messages.length).toBe(before + 1)
    const mail = p.sink.messages.at(-1)!
    expect(mail.envelope).toEqual({ mailFrom: 'support@shop.example', rcptTo: [seed.alias] })
    expect(rawHeader(mail, 'subject')).toBe('RE: Inquiry from Amazon customer Jordan (Order: 111-9990001-1234567)')
    expect(rawHeader(mail, 'in-reply-to')).toBe('<msg-abc-1@amazon.com>')
    expect(rawHeader(mail, 'references')).toBe('<earlier-1@amazon.com> <msg-abc-1@amazon.com>')
    expect(rawHeader(mail, 'content-type')).toMatch(/^text\/plain/)
    expect(mail.text.trim()).toBe(prepared.text.trim())
    expect(row.provider_id).toBe(mail.queueId)

    const conversation = await p.db.selectFrom('conversations').selectAll().where('id', '=', seed.conversationId).executeTakeFirstOrThrow()
    expect(conversation).toMatchObject({ state: 'replied', sla_due_at: null, closed_by: 'anna' })
    const audit = await listCommandsOfConversation(p.db, seed.conversationId)
    expect(audit.map((c) => `${c.action}:${c.outcome}`)).toEqual(['bb.send:accepted', 'reply.delivery:sent'])
    expect(p.changes.filter((id) => id === seed.conversationId).length).toBeGreaterThanOrEqual(2)
    const metrics = await p.metrics.registry.getSingleMetricAsString('buyerbridge_replies_total')
    expect(metrics).toContain('buyerbridge_replies_total{path="email",outcome="sent"} 1')
  })

  it('answers a double click and a retried webhook with "already queued/sent by …", one mail', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    const first = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'cmd-A', templateId: 'checking-thank-you' })
    const retried = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'cmd-A', templateId: 'checking-thank-you' })
    const second = await p.service.requestSend({ conversationId: seed.conversationId, actor: ben, commandId: 'cmd-B', templateId: 'checking-thank-you' })
    expect(first.kind).toBe('queued')
    expect(retried).toMatchObject({ kind: 'duplicate', sameCommand: true, by: 'Anna Li' })
    expect(second).toMatchObject({ kind: 'duplicate', sameCommand: false, by: 'Anna Li' })
    if (first.kind !== 'queued' || second.kind !== 'duplicate') return
    expect(second.message).toMatch(/^already (queued|being sent|sent) by Anna Li at \d{4}-/)
    await sendAndSettle(first.reply.id)
    const late = await p.service.requestSend({ conversationId: seed.conversationId, actor: ben, commandId: 'cmd-C', templateId: 'checking-thank-you' })
    expect(late).toMatchObject({ kind: 'duplicate', by: 'Anna Li' })
    if (late.kind === 'duplicate') expect(late.message).toMatch(/^already sent by Anna Li at /)
    await sleep(500)
    expect(p.sink.messages.length).toBe(before + 1)
  })

  it('retries a 4xx deferral and sends once', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    p.sink.failNext({ stage: 'mail', code: 451, message: '4.3.2 Try again later' })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'transient-1', templateId: 'checking-thank-you' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await sendAndSettle(result.reply.id)
    expect(row).toMatchObject({ state: 'sent', attempts: 2 })
    expect(p.sink.messages.length).toBe(before + 1)
  })

  it('fails a 5xx rejection permanently (no automatic retry); a human may resend', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    p.sink.failNext({ stage: 'rcpt', code: 550, message: '5.1.1 Recipient unknown' })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'permanent-1', templateId: 'checking-thank-you' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await sendAndSettle(result.reply.id)
    expect(row.state).toBe('failed')
    expect(row.failure_reason).toContain('5.1.1')
    expect(row.attempts).toBe(1)
    await sleep(1_500)
    expect((await replyState(p.db, row.id)).state).toBe('failed')
    expect(p.sink.messages.length).toBe(before)
    const conversation = await p.db.selectFrom('conversations').select(['state', 'sla_due_at']).where('id', '=', seed.conversationId).executeTakeFirstOrThrow()
    expect(conversation.state).toBe('notified')
    expect(conversation.sla_due_at).not.toBeNull()

    expect(await p.service.resend({ replyId: row.id, actor: otto, commandId: 'r-0' })).toMatchObject({ kind: 'refused', code: 'NOT_AUTHORISED' })
    expect(await p.service.resend({ replyId: row.id, actor: ben, commandId: 'r-1' })).toMatchObject({ kind: 'done' })
    expect((await sendAndSettle(row.id)).state).toBe('sent')
    expect(p.sink.messages.length).toBe(before + 1)
  })

  it('a failed reply frees its buyer message; resending it after another reply went out is refused', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    p.sink.failNext({ stage: 'data', code: 554, message: '5.6.0 Message content rejected' })
    const first = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'free-1', templateId: 'checking-thank-you' })
    if (first.kind !== 'queued') throw new Error(first.kind)
    expect((await sendAndSettle(first.reply.id)).state).toBe('failed')
    const second = await p.service.requestSend({ conversationId: seed.conversationId, actor: ben, commandId: 'free-2', templateId: 'checking-thank-you' })
    if (second.kind !== 'queued') throw new Error(second.kind)
    expect((await sendAndSettle(second.reply.id)).state).toBe('sent')
    const resent = await p.service.resend({ replyId: first.reply.id, actor: anna, commandId: 'free-3' })
    expect(resent).toMatchObject({ kind: 'duplicate', by: 'Ben Wang' })
    expect((await replyState(p.db, first.reply.id)).state).toBe('failed')
    await sleep(1_000)
    expect(p.sink.messages.length).toBe(before + 1)
  })

  it('marks a reply whose final SMTP answer never came unconfirmed, never re-sends it, and lets a human decide', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    p.sink.hangNext({ stage: 'data-end' })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'hang-1', templateId: 'checking-thank-you' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await sendAndSettle(result.reply.id)
    expect(row.state).toBe('unconfirmed')
    expect(row.failure_reason).toMatch(/may have accepted/)
    await sleep(1_500)
    expect(p.sink.messages.length).toBe(before + 1)
    expect((await replyState(p.db, row.id)).state).toBe('unconfirmed')
    const conversation = await p.db.selectFrom('conversations').select('state').where('id', '=', seed.conversationId).executeTakeFirstOrThrow()
    expect(conversation.state).toBe('replied')

    expect(await p.service.markSentManually({ replyId: row.id, actor: mia, commandId: 'm-1' })).toMatchObject({ kind: 'done', reply: { state: 'sent' } })
    expect(await p.service.markSentManually({ replyId: row.id, actor: mia, commandId: 'm-2' })).toMatchObject({ kind: 'refused', code: 'WRONG_STATE' })
  })

  it('a job attempt that finds the reply already `sending` marks it unconfirmed and never calls the sender', async () => {
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    await writeSetting(p.db, 'sending.paused', { paused: true, reason: null, by: 'test', at: new Date().toISOString() }, 'test')
    try {
      const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'stale-1', templateId: 'checking-thank-you' })
      if (result.kind !== 'queued') throw new Error(result.kind)
      await waitFor(() => replyState(p.db, result.reply.id), (r) => r.note === 'waiting: paused', 10_000)
      // As if an earlier attempt had marked it and died with its process.
      await p.db.updateTable('replies').set({ state: 'sending', attempts: 1 }).where('id', '=', result.reply.id).execute()
      await p.service.runSendJob(result.reply.id)
      const row = await replyState(p.db, result.reply.id)
      expect(row).toMatchObject({ state: 'unconfirmed', attempts: 1 })
      expect(row.failure_reason).toMatch(/check Seller Central/)
    } finally {
      await writeSetting(p.db, 'sending.paused', { paused: false, reason: null, by: 'test', at: new Date().toISOString() }, 'test')
    }
    await sleep(1_500)
    expect(p.sink.messages.length).toBe(before)
  })

  it('refuses people who are not agents or managers before anything is stored', async () => {
    const seed = await seedConversation(p.db)
    const stranger = { platform: 'slack' as const, userId: 'U-NOBODY', displayName: 'Nobody' }
    for (const actor of [stranger, otto, { ...anna, platform: 'feishu' as const }]) {
      const result = await p.service.requestSend({ conversationId: seed.conversationId, actor, commandId: `auth-${actor.userId}`, templateId: 'checking-thank-you' })
      expect(result).toMatchObject({ kind: 'refused', code: 'NOT_AUTHORISED' })
    }
    const rows = await p.db.selectFrom('replies').select('id').where('conversation_id', '=', seed.conversationId).execute()
    expect(rows).toHaveLength(0)
  })
})
