export type * from './block-kit.ts'
export { decodeCardRef, encodeCardRef, type CardRef } from './card-ref.ts'
export { ChannelPacer, DEFAULT_PACING, type PacerTimer, type PacingPlan } from './channel-pacer.ts'
export {
  isSlackActionId,
  parseInteraction,
  parseSlashCommand,
  SLASH_COMMAND,
  type BlockActionCommand,
  type ParseOutcome,
  type ReplySubmissionCommand,
  type SlackActionId,
  type SlackCommand,
  type SlashCommand,
} from './command.ts'
export { createSlackBoltApp, SlackAnswerError, type SlackBoltOptions } from './bolt-app.ts'
export {
  DEFAULT_DISPATCH_BUDGET_MS,
  SlackInteractionHandler,
  type SlackAck,
  type SlackAnswer,
  type SlackInteractionOptions,
  type SlackLogger,
} from './interaction-handler.ts'
export { blockTextLength, SLACK_LIMITS, validateModal, validateSlackMessage, type LimitViolation } from './limits.ts'
export {
  buildFullMessageModal,
  buildReplyEditorModal,
  buildReplyErrors,
  decodeEditorMetadata,
  encodeEditorMetadata,
  FULL_MESSAGE_CALLBACK,
  REPLY_EDITOR_CALLBACK,
  REPLY_TEXT_ACTION,
  REPLY_TEXT_BLOCK,
  type ReplyEditorContext,
  type ViewErrorsResponse,
} from './modals.ts'
export { SLACK_TEXT } from './phrases.ts'
export { SlackPoster, type AuthIdentity, type PostedMessage, type SlackPosterOptions } from './poster.ts'
export { createSlackHttpReceiver, SLACK_BODY_LIMIT, SLACK_CONTENT_TYPES, SLACK_EVENTS_PATH, SlackHttpReceiver, type SlackReceiverOptions } from './receiver.ts'
export { renderSlackCard, SLACK_CARD_BUDGET, VIEW_MESSAGE_ACTION, type RenderSlackCardOptions } from './render-card.ts'
export { signSlackBody, verifySlackSignature } from './signature.ts'
export { typedSlackError } from './slack-errors.ts'
export { startSlackSocketMode, type SlackSocketModeConnection, type SlackSocketModeOptions } from './socket-mode.ts'
