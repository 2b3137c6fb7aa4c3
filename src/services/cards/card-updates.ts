import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { CardKind } from '../../db/tables/cards.ts'
import { SYNC_CARD_JOB } from '../../jobs/card-jobs.ts'
import { planConversationCards, type CardNote, type ConversationCardKind, type RoutedTarget } from './sync-cards.ts'

/** Enqueues a job, inside `trx` when given (the job then exists only if the transaction commits). */
export interface SendJob {
  (name: string, data: object, options: { trx?: Transaction<Database>; startAfter?: Date; singletonKey?: string }): Promise<string | null>
}

/** Plans (or bumps) the conversation's cards of `kind` for `targets` and enqueues their sync in `trx`. */
export async function planAndSync(
  trx: Transaction<Database>,
  deps: { sendJob: SendJob },
  conversationId: string,
  targets: readonly RoutedTarget[],
  kind: ConversationCardKind,
  note: CardNote | null,
): Promise<string[]> {
  const cardIds = await planConversationCards(trx, conversationId, targets, kind)
  for (const cardId of cardIds) await deps.sendJob(SYNC_CARD_JOB, { cardId, note }, { trx })
  return cardIds
}

/** Bumps the existing cards of the conversation (of the given kinds, or all) and enqueues their sync with a note. */
export async function refreshCards(
  trx: Transaction<Database>,
  deps: { sendJob: SendJob },
  conversationId: string,
  note: CardNote | null,
  kinds?: readonly CardKind[],
): Promise<string[]> {
  let query = trx
    .updateTable('cards')
    .set({ version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('conversation_id', '=', conversationId)
  if (kinds) query = query.where('kind', 'in', [...kinds])
  const cards = await query.returning('id').execute()
  for (const card of cards) await deps.sendJob(SYNC_CARD_JOB, { cardId: card.id, note }, { trx })
  return cards.map((card) => card.id)
}
