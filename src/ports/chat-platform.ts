import type { CardView } from '../domain/card/index.ts'
import type { Platform, UiLanguage } from '../domain/vocabulary.ts'

export interface PostedCard {
  /** The platform's id of the card message (Slack ts, Feishu message_id, DingTalk outTrackId). */
  externalRef: string
  /** Where thread notes go, when the platform threads under the card. */
  threadRef: string | null
}

export interface CardTarget {
  /** A channel or group id, or with `recipient: 'user'` the person's user id on the platform. */
  channel: string
  uiLanguage: UiLanguage
  /** `user`: a direct message to the person `channel` names; absent: a channel or group. */
  recipient?: 'channel' | 'user'
}

/** A chat platform as the card pipeline sees it: post a card, update it, note something in its thread. */
export interface ChatPlatform {
  readonly platform: Platform
  /** The excerpt budget this platform's card format allows. */
  readonly excerptChars: number
  postCard(input: { target: CardTarget; cardId: string; view: CardView }): Promise<PostedCard>
  updateCard(input: { target: CardTarget; cardId: string; posted: PostedCard; view: CardView }): Promise<void>
  postThreadNote(input: { target: CardTarget; posted: PostedCard; text: string }): Promise<void>
}
