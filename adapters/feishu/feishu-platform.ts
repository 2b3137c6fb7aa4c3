import type { CardView } from '../../src/domain/card/index.ts'
import type { CardTarget, ChatPlatform, PostedCard } from '../../src/ports/chat-platform.ts'
import { renderFeishuCard } from './card/render.ts'
import type { FeishuPoster } from './poster/poster.ts'

// Feishu shows about as much text as Slack before a card gets unwieldy; the 30 KB cap is enforced by render.
const EXCERPT_CHARS = 2_000

/** Feishu/Lark as a chat platform of the card pipeline: one interactive message per card, patched in place. */
export class FeishuChatPlatform implements ChatPlatform {
  readonly platform = 'feishu' as const
  readonly excerptChars = EXCERPT_CHARS
  readonly #poster: FeishuPoster

  constructor(poster: FeishuPoster) {
    this.#poster = poster
  }

  async postCard(input: { target: CardTarget; cardId: string; view: CardView }): Promise<PostedCard> {
    // The card row id as Feishu's dedupe uuid: a retried create after a crash does not post a second card.
    const receiveIdType = input.target.recipient === 'user' ? 'open_id' : 'chat_id'
    const { messageId } = await this.#poster.sendCard(input.target.channel, this.#render(input.view, input.cardId), { uuid: input.cardId, receiveIdType })
    return { externalRef: messageId, threadRef: messageId }
  }

  async updateCard(input: { target: CardTarget; cardId: string; posted: PostedCard; view: CardView }): Promise<void> {
    await this.#poster.patchCard(input.posted.externalRef, this.#render(input.view, input.cardId))
  }

  async postThreadNote(input: { target: CardTarget; posted: PostedCard; text: string }): Promise<void> {
    await this.#poster.replyInThread(input.posted.threadRef ?? input.posted.externalRef, input.text, { chatId: input.target.channel })
  }

  #render(view: CardView, cardId: string) {
    return renderFeishuCard(view, { cardId, language: view.uiLanguage })
  }
}
