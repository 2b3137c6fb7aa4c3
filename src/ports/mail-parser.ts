import type { ParseResult } from '../domain/message.ts'

/** Turns a raw RFC 822 mail into a buyer message, or says why it is not one. Never throws for bad input. */
export interface BuyerMailParser {
  parse(raw: Buffer, options: { receivedAt: Date }): Promise<ParseResult>
}
