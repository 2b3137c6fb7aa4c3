/** A raw RFC 822 mail as it arrived, before parsing. */
export interface RawMail {
  raw: Buffer
  /** Where it came from, for the operator: `imap:<mailbox>#<uid>`, `webhook`, `simulator`. */
  origin: string
}

/** Something that delivers Amazon's buyer-message e-mails to the ingest use case. */
export interface MessageSource {
  readonly name: string
  /** Starts delivering; `onMail` resolves once the mail is durably stored (then the source may flag it). */
  start(onMail: (mail: RawMail) => Promise<void>): Promise<void>
  stop(): Promise<void>
}
