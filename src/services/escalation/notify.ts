import { dmChannel, type Recipient } from '../../domain/routing/index.ts'
import type { Platform } from '../../domain/vocabulary.ts'
import type { RoutedTarget } from '../cards/sync-cards.ts'

/** Card targets for recipients: a channel as it is, a DM as `user:<the person's user id>`, only on live platforms. */
export function recipientTargets(recipients: readonly Recipient[], platforms: readonly Platform[]): RoutedTarget[] {
  return recipients
    .filter((recipient) => platforms.includes(recipient.platform))
    .map((recipient) => ({
      platform: recipient.platform,
      channel: recipient.kind === 'channel' ? recipient.channel : dmChannel(recipient.userId),
      uiLanguage: recipient.uiLanguage,
    }))
}
