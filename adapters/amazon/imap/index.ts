export { ImapSource, DELIVERED_KEYWORD, ABANDONED_KEYWORD, type ImapSourceOptions } from './imap-source.ts'
export { parseImapUrl, mailboxKeyOf, type ImapConnectionConfig } from './imap-url.ts'
export type { SourceHealth, SourceLogger, SourceState } from './types.ts'
