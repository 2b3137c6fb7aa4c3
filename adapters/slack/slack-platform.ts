import type { CardView } from '../../src/domain/card/index.ts'
import type { CardTarget, ChatPlatform, PostedCard } from '../../src/ports/chat-platform.ts'
import type { SlackPoster } from './poster.ts'
import { renderSlackCard, SLACK_CARD_BUDGET } from './render-card.ts'

/** Slack as a chat platform of the card pipeline: a card is one channel message; notes go in its thread. */
export class SlackChatPlatform implements ChatPlatform {
  readonly platform = 'slack' as const
  readonly excerptChars = SLACK_CARD_BUDGET.excerptChars
  readonly #poster: SlackPoster

  constructor(poster: SlackPoster) {
    this.#poster = poster
  }

  async postCard(input: { target: CardTarget; cardId: string; view: CardView }): Promise<PostedCard> {
    const posted = await this.#poster.postCard(input.target.channel, renderSlackCard(input.view, { cardId: input.cardId }))
    return { externalRef: posted.ts, threadRef: posted.ts }
  }

  async updateCard(input: { target: CardTarget; cardId: string; posted: PostedCard; view: CardView }): Promise<void> {
    await this.#poster.updateCard(input.target.channel, input.posted.externalRef, renderSlackCard(input.view, { cardId: input.cardId }))
  }

  async postThreadNote(input: { target: CardTarget; posted: PostedCard; text: string }): Promise<void> {
    await this.#poster.postThreadNote(input.target.channel, input.posted.threadRef ?? input.posted.externalRef, input.text)
  }
}
