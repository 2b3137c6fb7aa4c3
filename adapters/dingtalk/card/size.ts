// DingTalk's documented limits for `cardParamMap` (API 创建并投放卡片): a key at most 100 bytes, a value at
// most 1 KB. The whole map has no documented ceiling; robot messages stop at 20 KB (PLATFORM-FACTS §6), so the
// card data is held to 16 KB by default to stay clear of it.

import { AppError } from '../../../src/domain/errors.ts'

export const DINGTALK_PARAM_KEY_MAX_BYTES = 100
export const DINGTALK_PARAM_VALUE_MAX_BYTES = 1024
export const DINGTALK_CARD_DATA_MAX_BYTES = 16 * 1024

export interface CardDataLimits {
  keyMaxBytes: number
  valueMaxBytes: number
  totalMaxBytes: number
}

export const DEFAULT_CARD_DATA_LIMITS: CardDataLimits = {
  keyMaxBytes: DINGTALK_PARAM_KEY_MAX_BYTES,
  valueMaxBytes: DINGTALK_PARAM_VALUE_MAX_BYTES,
  totalMaxBytes: DINGTALK_CARD_DATA_MAX_BYTES,
}

export interface CardDataProblem {
  key: string
  problem: 'not-a-string' | 'key-too-long' | 'value-too-long' | 'total-too-large'
  bytes: number
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/** Bytes of the map as sent: its JSON encoding. */
export function cardDataBytes(map: Readonly<Record<string, unknown>>): number {
  return utf8Bytes(JSON.stringify(map))
}

export function checkCardData(map: Readonly<Record<string, unknown>>, limits: CardDataLimits = DEFAULT_CARD_DATA_LIMITS): CardDataProblem[] {
  const problems: CardDataProblem[] = []
  for (const [key, value] of Object.entries(map)) {
    if (utf8Bytes(key) > limits.keyMaxBytes) problems.push({ key, problem: 'key-too-long', bytes: utf8Bytes(key) })
    if (typeof value !== 'string') {
      problems.push({ key, problem: 'not-a-string', bytes: 0 })
      continue
    }
    if (utf8Bytes(value) > limits.valueMaxBytes) problems.push({ key, problem: 'value-too-long', bytes: utf8Bytes(value) })
  }
  const total = cardDataBytes(map)
  if (total > limits.totalMaxBytes) problems.push({ key: '*', problem: 'total-too-large', bytes: total })
  return problems
}

export function assertCardData(map: Readonly<Record<string, unknown>>, limits: CardDataLimits = DEFAULT_CARD_DATA_LIMITS): void {
  const problems = checkCardData(map, limits)
  if (problems.length > 0) {
    throw new AppError('DINGTALK_CARD_TOO_LARGE', 'the card data is outside DingTalk’s limits', { problems: problems.slice(0, 10) })
  }
}
