import type { Transaction } from 'kysely'
import { rowOfStatus, statusOfRow } from '../../db/repos/conversation-rows.ts'
import type { Database, Db } from '../../db/schema.ts'
import { acknowledge, assign, escalate, markNoResponseNeeded, type ConversationStatus } from '../../domain/conversation.ts'
import { isAppError } from '../../domain/errors.ts'
import type { CardAction } from '../../domain/vocabulary.ts'
import type { Clock } from '../../ports/clock.ts'
import { findPerson, hasRole } from '../reply/people.ts'
import type { Actor, Person, Role } from '../reply/types.ts'

export interface TextNote {
  en: string
  zh: string
}

export interface CommandDeps {
  db: Db
  people: readonly Person[]
  clock: Clock
  /** Inside the command's transaction: bump every card of the conversation and enqueue their update. */
  refreshCards(trx: Transaction<Database>, conversationId: string, note: TextNote): Promise<void>
  /** Inside the command's transaction, after it changed the conversation (escalation to managers, SLA timers). */
  afterCommand?(trx: Transaction<Database>, action: ConversationAction, conversationId: string, at: Date): Promise<void>
}

export type CommandResult =
  | { ok: true; note: TextNote }
  | { ok: false; code: 'NOT_ALLOWED' | 'NOT_FOUND' | 'REFUSED' | 'DUPLICATE'; message: TextNote }

export type ConversationAction = Extract<CardAction, 'bb.assign' | 'bb.no_response' | 'bb.escalate' | 'bb.ack'>

const ALLOWED_ROLES: Record<ConversationAction, readonly Role[]> = {
  'bb.assign': ['agent', 'manager'],
  'bb.no_response': ['agent', 'manager'],
  'bb.escalate': ['agent', 'manager', 'oncall'],
  'bb.ack': ['agent', 'manager', 'oncall'],
}

/**
 * The card actions that change a conversation without sending anything: take it, mark it as needing no
 * response, escalate it, acknowledge a page. Authorised against the configured people; recorded once per
 * platform delivery (the command's idempotency key) in the audit log; every card of it refreshed.
 */
export async function runConversationCommand(
  deps: CommandDeps,
  input: { action: ConversationAction; actor: Actor; conversationId: string; idempotencyKey: string; reason?: string },
): Promise<CommandResult> {
  const person = findPerson(deps.people, input.actor)
  if (!hasRole(person, ALLOWED_ROLES[input.action])) {
    return {
      ok: false,
      code: 'NOT_ALLOWED',
      message: { en: 'You are not allowed to do this in Buyerbridge.', zh: '您无权在 Buyerbridge 中执行此操作。' },
    }
  }
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const audit = await trx
      .insertInto('commands')
      .values({
        conversation_id: input.conversationId,
        platform: input.actor.platform,
        actor_id: input.actor.userId,
        actor_name: person.name,
        action: input.action,
        payload: JSON.stringify({ reason: input.reason ?? null }),
        idempotency_key: input.idempotencyKey,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!audit) return { ok: false, code: 'DUPLICATE', message: { en: 'Already done.', zh: '已处理。' } }
    const row = await trx.selectFrom('conversations').selectAll().where('id', '=', input.conversationId).forUpdate().executeTakeFirst()
    if (!row) return { ok: false, code: 'NOT_FOUND', message: { en: 'This conversation no longer exists.', zh: '该会话已不存在。' } }
    const current = statusOfRow(row)
    // A second click on "Assign to me" (Slack gives each click its own delivery id) changes nothing: no card
    // refresh, no second thread note.
    if (input.action === 'bb.assign' && current.state === 'assigned' && current.assignee === person.name) {
      await trx.updateTable('commands').set({ outcome: 'no-op' }).where('id', '=', audit.id).execute()
      return { ok: true, note: noteFor(input.action, person.name) }
    }
    let next: ConversationStatus
    try {
      next = apply(input.action, current, person, now, input.reason)
    } catch (error) {
      if (!isAppError(error)) throw error
      await trx.updateTable('commands').set({ outcome: 'refused', error: error.code }).where('id', '=', audit.id).execute()
      return { ok: false, code: 'REFUSED', message: refusal(error.code, error.message) }
    }
    await trx.updateTable('conversations').set(rowOfStatus(next)).where('id', '=', input.conversationId).execute()
    const note = noteFor(input.action, person.name, input.reason)
    await deps.refreshCards(trx, input.conversationId, note)
    await deps.afterCommand?.(trx, input.action, input.conversationId, now)
    return { ok: true, note }
  })
}

function apply(action: ConversationAction, status: ConversationStatus, person: Person, at: Date, reason?: string): ConversationStatus {
  switch (action) {
    case 'bb.assign':
      return assign(status, { assignee: person.name, at })
    case 'bb.no_response':
      return markNoResponseNeeded(status, { by: person.name, at })
    case 'bb.escalate':
      return escalate(status, { by: person.name, at, reason: reason ?? 'escalated from the card' })
    case 'bb.ack':
      return acknowledge(status, { by: person.name, at })
  }
}

function noteFor(action: ConversationAction, name: string, reason?: string): TextNote {
  switch (action) {
    case 'bb.assign':
      return { en: `Assigned to ${name}`, zh: `已分配给 ${name}` }
    case 'bb.no_response':
      return { en: `Marked "no response needed" by ${name} (also mark it in Seller Central)`, zh: `${name} 标记为"无需回复"（请同时在卖家平台标记）` }
    case 'bb.escalate':
      return { en: `Escalated by ${name}${reason ? `: ${reason}` : ''}`, zh: `${name} 已升级${reason ? `：${reason}` : ''}` }
    case 'bb.ack':
      return { en: `Acknowledged by ${name}`, zh: `${name} 已确认` }
  }
}

function refusal(code: string, message: string): TextNote {
  if (code === 'ILLEGAL_TRANSITION') return { en: `Not possible in the conversation's current state (${message}).`, zh: `当前会话状态下无法执行（${message}）。` }
  if (code === 'ALREADY_ESCALATED') return { en: `Already escalated (${message}).`, zh: `已升级（${message}）。` }
  if (code === 'ALREADY_ACKNOWLEDGED') return { en: `Already acknowledged (${message}).`, zh: `已确认（${message}）。` }
  return { en: message, zh: message }
}
