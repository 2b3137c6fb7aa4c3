import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Db } from '../../db/schema.ts'
import { findConversation, listConversations, type ConversationRow } from '../../db/repos/conversations.ts'
import { listMessagesOfConversation } from '../../db/repos/messages.ts'
import { listRepliesOfConversation } from '../../db/repos/replies.ts'
import { AppError } from '../../domain/errors.ts'
import { CONVERSATION_STATES } from '../../domain/vocabulary.ts'

const listQuery = z.object({
  state: z.enum(CONVERSATION_STATES, { message: `state must be one of ${CONVERSATION_STATES.join(', ')}` }).optional(),
  store: z.string().min(1).optional(),
  marketplace: z.string().min(2).max(3).optional(),
  assignee: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be from 1 to 500').max(500, 'limit must be from 1 to 500').default(50),
})
const idParams = z.object({ id: z.uuid({ message: 'conversation id must be a UUID' }) })

export function conversationSummary(row: ConversationRow) {
  return {
    id: row.id,
    store: row.store_id,
    orderId: row.order_id,
    marketplace: row.marketplace,
    buyerName: row.buyer_name,
    language: row.language,
    intent: row.intent,
    riskScore: row.risk_score,
    riskFlags: row.risk_flags,
    state: row.state,
    slaDueAt: row.sla_due_at?.toISOString() ?? null,
    assignee: row.assignee,
    lastMessageAt: row.last_message_at.toISOString(),
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input)
  if (!result.success) throw new AppError('BAD_REQUEST', result.error.issues.map((i) => i.message).join('; '))
  return result.data
}

export async function conversationsApi(app: FastifyInstance, deps: { db: () => Db }): Promise<void> {
  app.get('/api/conversations', async (request) => {
    const query = parse(listQuery, request.query)
    const rows = await listConversations(deps.db(), {
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.store ? { storeId: query.store } : {}),
      ...(query.marketplace ? { marketplace: query.marketplace.toUpperCase() } : {}),
      ...(query.assignee ? { assignee: query.assignee } : {}),
    })
    return { items: rows.map(conversationSummary) }
  })

  app.get('/api/conversations/:id', async (request) => {
    const { id } = parse(idParams, request.params)
    const db = deps.db()
    const row = await findConversation(db, id)
    if (!row) throw new AppError('NOT_FOUND', `no conversation ${id}`)
    const [messages, replies] = await Promise.all([listMessagesOfConversation(db, id), listRepliesOfConversation(db, id)])
    return {
      ...conversationSummary(row),
      messages: messages.map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt.toISOString(),
        text: m.text,
        attachments: m.attachments,
      })),
      replies: replies.map((r) => ({
        id: r.id,
        path: r.path,
        state: r.state,
        text: r.text,
        sentBy: r.sent_by,
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
    }
  })
}
