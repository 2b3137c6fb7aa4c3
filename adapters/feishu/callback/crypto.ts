// Feishu's request signature and body encryption, used when an encrypt key is configured.

import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto'
import { AppError } from '../../../src/domain/errors.ts'

/** hex(sha256(timestamp + nonce + encryptKey + rawBody)), the `X-Lark-Signature` header. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody, 'utf8').digest('hex')
}

export function isValidFeishuSignature(
  headers: { timestamp: string; nonce: string; signature: string },
  encryptKey: string,
  rawBody: string,
): boolean {
  const expected = Buffer.from(feishuSignature(headers.timestamp, headers.nonce, encryptKey, rawBody), 'utf8')
  const given = Buffer.from(headers.signature, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** `{ encrypt }` bodies: base64(IV ‖ AES-256-CBC(body)) with key sha256(encryptKey), PKCS#7 padding. */
export function decryptFeishuBody(encrypted: string, encryptKey: string): string {
  const data = Buffer.from(encrypted, 'base64')
  if (data.length < 32 || data.length % 16 !== 0) {
    throw new AppError('FEISHU_BAD_ENCRYPTION', 'encrypted body has an impossible length')
  }
  const key = createHash('sha256').update(encryptKey, 'utf8').digest()
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, data.subarray(0, 16))
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8')
  } catch (error) {
    throw new AppError('FEISHU_BAD_ENCRYPTION', 'encrypted body does not decrypt with the configured key', undefined, { cause: error })
  }
}
