import type { CardView } from '../../../domain/card/index.ts'
import { formatInstant, REPLY_STATE_LABELS } from '../../../domain/card/index.ts'
import { REPLY_STATES, type ReplyState, type UiLanguage } from '../../../domain/vocabulary.ts'
import type { Db } from '../../../db/schema.ts'
import { listMessagesOfConversation } from '../../../db/repos/messages.ts'
import { listRepliesOfConversation, type ReplyRow } from '../../../db/repos/replies.ts'
import { renderCard } from '../card-html.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'

export interface ConversationDetail {
  messages: Awaited<ReturnType<typeof listMessagesOfConversation>>
  replies: ReplyRow[]
  audit: { created_at: Date; platform: string; actor_name: string | null; actor_id: string; action: string; outcome: string; error: string | null }[]
  orderContext: unknown
}

export async function loadConversationDetail(db: Db, conversationId: string): Promise<ConversationDetail> {
  const [messages, replies, audit, conversation] = await Promise.all([
    listMessagesOfConversation(db, conversationId),
    listRepliesOfConversation(db, conversationId),
    db
      .selectFrom('commands')
      .select(['created_at', 'platform', 'actor_name', 'actor_id', 'action', 'outcome', 'error'])
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute(),
    db.selectFrom('conversations').select('order_context').where('id', '=', conversationId).executeTakeFirst(),
  ])
  return { messages, replies, audit, orderContext: conversation?.order_context ?? null }
}

function replyStateLabel(state: string, language: UiLanguage): string {
  if ((REPLY_STATES as readonly string[]).includes(state)) return REPLY_STATE_LABELS[state as ReplyState][language]
  return state === 'rejected' ? (language === 'zh-CN' ? '已驳回' : 'Rejected') : state
}

const ORDER_FIELDS = ['orderId', 'status', 'purchaseDate', 'fulfillmentChannel', 'latestShipDate', 'latestDeliveryDate', 'buyerLocale'] as const

function orderSection(order: unknown, language: UiLanguage): SafeHtml {
  if (!order || typeof order !== 'object') return html`<p class="empty">${t(language, 'noOrderContext')}</p>`
  const record = order as Record<string, unknown>
  const items = Array.isArray(record.items) ? (record.items as Record<string, unknown>[]) : []
  const actions = Array.isArray(record.allowedMessagingActions) ? (record.allowedMessagingActions as unknown[]).map(String) : []
  return html`<dl class="fields">
    ${ORDER_FIELDS.filter((k) => record[k] !== null && record[k] !== undefined).map((k) => html`<div class="field"><dt>${k}</dt><dd>${String(record[k])}</dd></div>`)}
    ${items.map((i) => html`<div class="field"><dt>${String(i.asin ?? '')}</dt><dd>${String(i.title ?? '')} × ${String(i.quantity ?? 1)}</dd></div>`)}
    ${actions.length ? html`<div class="field"><dt>SP-API</dt><dd>${actions.join(', ')}</dd></div>` : ''}
  </dl>`
}

function replyItem(reply: ReplyRow, language: UiLanguage, timeZone: string): SafeHtml {
  const decided = reply.state === 'awaiting-approval'
  return html`<li class="reply reply-${reply.state}" data-reply-id="${reply.id}">
    <p class="meta"><span class="state" data-state="${reply.state}">${replyStateLabel(reply.state, language)}</span>
      · ${reply.path} · ${reply.requested_by}${reply.sent_by && reply.sent_by !== reply.requested_by ? html` → ${reply.sent_by}` : ''}
      · ${formatInstant(reply.sent_at ?? reply.updated_at, timeZone)}</p>
    <pre class="text">${reply.text}</pre>
    ${reply.failure_reason ? html`<p class="failure">${reply.failure_reason}</p>` : ''}
    ${reply.note ? html`<p class="note">${reply.note}</p>` : ''}
    ${reply.rejection_reason ? html`<p class="note">${reply.rejection_reason}</p>` : ''}
    ${decided
      ? html`<p class="actions"><button type="button" class="btn primary" data-reply-action="approve">${t(language, 'approve')}</button>
        <button type="button" class="btn danger" data-reply-action="reject">${t(language, 'reject')}</button></p>`
      : ''}
  </li>`
}

export function conversationBody(language: UiLanguage, card: CardView, detail: ConversationDetail, timeZone: string): SafeHtml {
  return html`<p><a href="/console">← ${t(language, 'navConversations')}</a></p>
<div class="detail" data-conversation-id="${card.subjectId}">
  <div class="detail-card">${renderCard(card, language, { link: false })}</div>
  <section><h2>${t(language, 'thread')}</h2>
    <ol class="thread">${detail.messages.map(
      (m) => html`<li class="message"><p class="meta">${t(language, 'buyerMessage')} · ${formatInstant(m.receivedAt, timeZone)} · ${m.subject}</p>
        <pre class="text">${m.text}</pre>
        ${m.attachments.length ? html`<p class="attachments">${m.attachments.map((a) => html`<span>${a.filename} (${a.contentType}, ${a.size} B)</span> `)}</p>` : ''}</li>`,
    )}</ol>
  </section>
  <section><h2>${t(language, 'orderContext')}</h2>${orderSection(detail.orderContext, language)}</section>
  <section><h2>${t(language, 'replies')}</h2>
    ${detail.replies.length ? html`<ol class="replies">${detail.replies.map((r) => replyItem(r, language, timeZone))}</ol>` : html`<p class="empty">${t(language, 'noReplies')}</p>`}
  </section>
  <section><h2>${t(language, 'audit')}</h2>
    ${detail.audit.length
      ? html`<table class="audit"><tbody>${detail.audit.map(
          (a) => html`<tr><td>${formatInstant(a.created_at, timeZone)}</td><td>${a.actor_name ?? a.actor_id} (${a.platform})</td><td>${a.action}</td><td>${a.outcome}${a.error ? html` — ${a.error}` : ''}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="empty">${t(language, 'noAudit')}</p>`}
  </section>
</div>`
}
