import { AppError } from '../../../src/domain/errors.ts'

/** Feishu refuses a card whose JSON is over 30 KB (PLATFORM-FACTS §5). */
export const FEISHU_CARD_MAX_BYTES = 30 * 1024

export interface CardSizeReport {
  bytes: number
  limit: number
  ok: boolean
}

/** Size of the card as it travels: the UTF-8 bytes of its JSON (the `content` string of the API call). */
export function feishuCardSize(card: unknown, limit: number = FEISHU_CARD_MAX_BYTES): CardSizeReport {
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8')
  return { bytes, limit, ok: bytes <= limit }
}

export function assertFeishuCardSize(card: unknown, limit: number = FEISHU_CARD_MAX_BYTES): void {
  const report = feishuCardSize(card, limit)
  if (!report.ok) {
    throw new AppError('FEISHU_CARD_TOO_LARGE', `card JSON is ${report.bytes} bytes, over Feishu's ${limit}`, { ...report })
  }
}
