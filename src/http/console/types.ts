import type { Db } from '../../db/schema.ts'
import type { TemplateLibrary } from '../../domain/templates/index.ts'
import type { UiLanguage } from '../../domain/vocabulary.ts'
import type { Clock } from '../../ports/clock.ts'
import type { PortLogger } from '../../ports/logger.ts'
import type { CommandDeps } from '../../services/commands/conversation-commands.ts'
import type { Actor, ReplyService } from '../../services/reply/index.ts'

/** A mail the demo SMTP sink captured; the sink's `CapturedMail` fits this shape as it is. */
export interface OutboxMail {
  envelope: { mailFrom: string; rcptTo: string[] }
  headers: ReadonlyMap<string, unknown>
  text: string
}

/** What the lead wires in; the getters return null until that part of the service is up (pages answer 503). */
export interface ConsoleDeps {
  db: () => Db | null
  replies: () => ReplyService | null
  commands: () => CommandDeps | null
  library: () => TemplateLibrary | null
  demo: boolean
  consolePassword: string | null
  adminToken: string | null
  /** HMAC key of the session cookie (at least 32 characters). */
  sessionSecret: string
  /** Demo mode: what the SMTP sink captured, i.e. what the buyer would have received. */
  outbox?: () => readonly OutboxMail[]
  clock: Clock
  logger: PortLogger
  /** `sending.paused` in the config file, shown on the cards like on the chat platforms. */
  pausedByConfig?: boolean
  /** The team's zone for times on cards; UTC by default. */
  displayTimeZone?: string
  /** Add `Secure` to the session cookie (set when the console is served over HTTPS). */
  secureCookies?: boolean
  /** Server-sent events: poll interval and the most simultaneous streams (defaults 1000 ms, 50). */
  events?: { pollMs?: number; maxStreams?: number; maxStreamMs?: number }
}

/** Resolved per request by the auth hook. */
export interface ConsoleContext {
  language: UiLanguage
  actor: Actor
  csrfToken: string
  /** Demo mode opened from this machine without a login. */
  demoOpen: boolean
  /** Authenticated by the admin bearer token (API clients: no cookie, no CSRF token needed). */
  bearer: boolean
}
