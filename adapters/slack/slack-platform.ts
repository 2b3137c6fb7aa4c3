import type { CardView } from '../../src/domain/card/index.ts'
import type { CardTarget, ChatPlatform, PostedCard } from '../../src/ports/chat-platform.ts'
import { decodeMessageRef, encodeMessageRef } from './card-ref.ts'
import type { SlackPoster } from './poster.ts'
import { renderSlackCard, SLACK_CARD_BUDGET } from './render-card.ts'

/** Slack as a chat platform of the card pipeline: a card is one channel (or DM) message; notes go in its thread. */
export class SlackChatPlatform implements ChatPlatform {
  readonly platform = 'slack' as const
  readonly excerptChars = SLACK_CARD_BUDGET.excerptChars
  readonly #poster: SlackPoster

  constructor(poster: SlackPoster) {
    this.#poster = poster
  }

  /** A DM is posted to the person's user id; Slack answers with the DM channel, which later calls need. */
  async postCard(input: { target: CardTarget; cardId: string; view: CardView }): Promise<PostedCard> {
    const posted = await this.#poster.postCard(input.target.channel, renderSlackCard(input.view, { cardId: input.cardId }))
    return { externalRef: encodeMessageRef(input.target.channel, posted), threadRef: posted.ts }
  }

  async updateCard(input: { target: CardTarget; cardId: string; posted: PostedCard; view: CardView }): Promise<void> {
    const message = decodeMessageRef(input.target.channel, input.posted.externalRef)
    await this.#poster.updateCard(message.channel, message.ts, renderSlackCard(input.view, { cardId: input.cardId }))
  }

  async postThreadNote(input: { target: CardTarget; posted: PostedCard; text: string }): Promise<void> {
    const message = decodeMessageRef(input.target.channel, input.posted.externalRef)
    await this.#poster.postThreadNote(message.channel, input.posted.threadRef ?? message.ts, input.text)
  }
}
