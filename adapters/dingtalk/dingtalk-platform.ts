import type { CardView } from '../../src/domain/card/index.ts'
import type { CardTarget, ChatPlatform, PostedCard } from '../../src/ports/chat-platform.ts'
import type { DingtalkCardPoster } from './api/card-poster.ts'
import { renderDingtalkCardData } from './card/render.ts'

// Card values are capped at 1 KB each by DingTalk; the excerpt is cut to fit there in any case.
const EXCERPT_CHARS = 1_000

/**
 * DingTalk as a chat platform of the card pipeline: one card instance per card row (`outTrackId` = the row id,
 * so a retried delivery cannot make a second card), updated in place. DingTalk cards have no thread: what
 * happened is shown on the card itself, so thread notes are not sent.
 */
export class DingtalkChatPlatform implements ChatPlatform {
  readonly platform = 'dingtalk' as const
  readonly excerptChars = EXCERPT_CHARS
  readonly #poster: DingtalkCardPoster
  #revision = 0

  constructor(poster: DingtalkCardPoster) {
    this.#poster = poster
  }

  async postCard(input: { target: CardTarget; cardId: string; view: CardView }): Promise<PostedCard> {
    // A person (on-call page, manager DM) gets the card in their one-to-one chat with the app's robot.
    const space = input.target.recipient === 'user' ? { kind: 'robot-chat' as const, userId: input.target.channel } : { kind: 'group' as const, openConversationId: input.target.channel }
    await this.#poster.createAndDeliver(space, input.cardId, this.#render(input.view, input.cardId))
    return { externalRef: input.cardId, threadRef: null }
  }

  async updateCard(input: { target: CardTarget; cardId: string; posted: PostedCard; view: CardView }): Promise<void> {
    await this.#poster.updateCard(input.posted.externalRef, this.#render(input.view, input.cardId))
  }

  async postThreadNote(): Promise<void> {}

  #render(view: CardView, cardId: string) {
    // A fresh revision per render lets the callback handler tell a replayed click from a new one.
    this.#revision += 1
    return renderDingtalkCardData(view, { cardId, revision: `${Date.now()}-${this.#revision}` })
  }
}
