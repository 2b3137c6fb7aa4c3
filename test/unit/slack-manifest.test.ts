import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface Manifest {
  oauth_config: { scopes: { bot?: string[]; user?: string[] } }
  settings: { interactivity: unknown; event_subscriptions?: unknown; socket_mode_enabled: boolean }
  features: { bot_user: { display_name: string }; slash_commands: unknown[] }
}

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest

describe('Slack app manifest', () => {
  it('asks for the least privilege the adapter needs', () => {
    expect(manifest.oauth_config.scopes).toEqual({ bot: ['chat:write', 'commands', 'usergroups:read'] })
    expect(manifest.oauth_config.scopes.user).toBeUndefined()
    expect(manifest.settings.event_subscriptions).toBeUndefined()
  })

  it('sends interactions and /buyerbridge to POST /slack/events', () => {
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' })
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/buyerbridge', url: 'https://YOUR-HOST/slack/events', should_escape: false }),
    ])
    expect(manifest.features.bot_user.display_name).toBe('Buyerbridge')
  })
})
