import { sql, type Transaction } from 'kysely'
import { statusOfRow, rowOfStatus } from '../../db/repos/conversation-rows.ts'
import { keepUnparseableMail } from '../../db/repos/inbound-mails.ts'
import type { ConversationRow } from '../../db/repos/conversations.ts'
import type { Database, Db } from '../../db/schema.ts'
import { classify, type ExtraRiskKeywords } from '../../domain/classify/index.ts'
import { openConversation, receiveBuyerMessage } from '../../domain/conversation.ts'
import type { BuyerMessage } from '../../domain/message.ts'
import type { Clock } from '../../ports/clock.ts'
import type { PortLogger } from '../../ports/logger.ts'
import type { BuyerMailParser } from '../../ports/mail-parser.ts'
import { mergeClassification } from './merge-classification.ts'

export interface IngestDeps {
  db: Db
  parser: BuyerMailParser
  clock: Clock
  logger: PortLogger
  /** Extra risk keywords from the config, per flag. */
  riskKeywords: ExtraRiskKeywords
  /** Runs inside the storing transaction, so follow-up work commits with the message or not at all. */
  afterStore?: (trx: Transaction<Database>, stored: StoredMessage) => Promise<void>
}

export interface StoredMessage {
  conversationId: string
  messageId: string
  storeId: string
  marketplace: string
  orderId: string | null
  newConversation: boolean
  reopened: boolean
}

export type IngestOutcome =
  | ({ outcome: 'stored' } & StoredMessage)
  | { outcome: 'duplicate'; sourceMessageId: string }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'unparseable'; sourceMessageId: string; error: string; alreadyKept: boolean }

export interface IncomingMail {
  raw: Buffer
  /** `webhook`, `imap:<store>`, `simulator` — where it came from, for the operator. */
  origin: string
  storeId: string
}

class DuplicateMessage extends Error {}

/**
 * One idempotent path for every source: parse, dedupe on the Message-ID (or the raw mail's hash), store,
 * open or reopen the conversation (one per buyer alias × order), classify, restart the 24-hour clock.
 */
export async function ingestMail(deps: IngestDeps, mail: IncomingMail): Promise<IngestOutcome> {
  const receivedAt = deps.clock.now()
  const parsed = await deps.parser.parse(mail.raw, { receivedAt })
  if (parsed.kind === 'not-amazon') {
    deps.logger.info({ origin: mail.origin, reason: parsed.reason }, 'ignored a mail that is not an Amazon buyer message')
    return { outcome: 'ignored', reason: parsed.reason }
  }
  if (parsed.kind === 'unparseable') {
    const kept = await keepUnparseableMail(deps.db, {
      sourceMessageId: parsed.sourceMessageId,
      origin: mail.origin,
      error: parsed.error,
      raw: mail.raw,
    })
    deps.logger.warn({ origin: mail.origin, error: parsed.error, sourceMessageId: parsed.sourceMessageId }, 'kept an unparseable buyer mail for the operator')
    return { outcome: 'unparseable', sourceMessageId: parsed.sourceMessageId, error: parsed.error, alreadyKept: !kept }
  }
  const message = parsed.message
  try {
    const stored = await deps.db.transaction().execute((trx) => storeMessage(trx, deps, mail, message))
    return { outcome: 'stored', ...stored }
  } catch (error) {
    if (error instanceof DuplicateMessage) return { outcome: 'duplicate', sourceMessageId: message.sourceMessageId }
    throw error
  }
}

async function storeMessage(trx: Transaction<Database>, deps: IngestDeps, mail: IncomingMail, message: BuyerMessage): Promise<StoredMessage> {
  const { row: conversation, created: newConversation } = await lockOrCreateConversation(trx, mail.storeId, message)
  const classification = classify(message.text, {
    subject: message.subject,
    priorBuyerMessages: conversation.message_count,
    extraKeywords: deps.riskKeywords,
  })

  const inserted = await trx
    .insertInto('buyer_messages')
    .values({
      conversation_id: conversation.id,
      source_message_id: message.sourceMessageId,
      origin: mail.origin,
      received_at: message.receivedAt,
      subject: message.subject,
      text: message.text,
      asin: message.asin,
      product_title: message.productTitle,
      references: message.references,
    })
    .onConflict((oc) => oc.column('source_message_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) throw new DuplicateMessage()

  for (const attachment of message.attachments) {
    await trx
      .insertInto('attachments')
      .values({
        message_id: inserted.id,
        filename: attachment.filename,
        content_type: attachment.contentType,
        size: attachment.size,
        content: attachment.content ? Buffer.from(attachment.content) : null,
      })
      .execute()
  }

  const status = newConversation ? openConversation(message.receivedAt) : receiveBuyerMessage(statusOfRow(conversation), message.receivedAt)
  const merged = mergeClassification(newConversation ? null : conversation, classification)
  await trx
    .updateTable('conversations')
    .set({
      ...rowOfStatus(status),
      ...merged,
      buyer_name: message.buyerName ?? conversation.buyer_name,
      subject: conversation.subject || message.subject,
    })
    .where('id', '=', conversation.id)
    .execute()

  const stored: StoredMessage = {
    conversationId: conversation.id,
    messageId: inserted.id,
    storeId: mail.storeId,
    marketplace: message.marketplace,
    orderId: message.orderId,
    newConversation,
    reopened: !newConversation && conversation.state !== status.state && status.state === 'new',
  }
  await deps.afterStore?.(trx, stored)
  return stored
}

/**
 * One statement that creates the thread or, when it exists (or another request creates it at this moment),
 * locks it for this transaction: `do update` takes the row lock, `xmax = 0` tells a fresh insert.
 */
async function lockOrCreateConversation(
  trx: Transaction<Database>,
  storeId: string,
  message: BuyerMessage,
): Promise<{ row: ConversationRow; created: boolean }> {
  const row = await trx
    .insertInto('conversations')
    .values({
      store_id: storeId,
      buyer_alias: message.buyerAlias,
      buyer_name: message.buyerName,
      order_id: message.orderId,
      marketplace: message.marketplace,
      subject: message.subject,
      message_count: 0,
      last_message_at: message.receivedAt,
    })
    .onConflict((oc) =>
      oc.expression(sql`store_id, buyer_alias, coalesce(order_id, '')`).doUpdateSet({ updated_at: sql<Date>`conversations.updated_at` }),
    )
    .returningAll()
    .returning(sql<boolean>`xmax = 0`.as('created'))
    .executeTakeFirstOrThrow()
  const { created, ...conversation } = row
  return { row: conversation, created }
}
