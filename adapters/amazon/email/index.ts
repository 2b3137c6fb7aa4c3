export { parseAmazonBuyerEmail } from './parse-buyer-email.ts'
export type { ParseBuyerEmailOptions } from './parse-buyer-email.ts'
