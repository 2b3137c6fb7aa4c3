import type { ConsoleContext } from './types.ts'
import { html, type SafeHtml } from './html.ts'
import { otherLanguage, t } from './i18n.ts'

export interface PageOptions {
  title: string
  context: ConsoleContext | null
  demo: boolean
  /** Show the Outbox tab (demo mode with the SMTP sink wired in). */
  outbox?: boolean
  /** The path of this page (for the language switch and the active tab). */
  path: string
  body: SafeHtml
  /** `list` or `conversation`: console.js subscribes to live updates there. */
  live?: 'list' | 'conversation'
  loggedIn?: boolean
}

const TABS = [
  { path: '/console', key: 'navConversations' },
  { path: '/console/templates', key: 'navTemplates' },
  { path: '/console/dashboard', key: 'navDashboard' },
] as const

export function page(options: PageOptions, language: ConsoleContext['language']): string {
  const ctx = options.context
  const tabs = options.outbox ? [...TABS, { path: '/console/outbox', key: 'navOutbox' } as const] : TABS
  const switchTo = otherLanguage(language)
  const doc = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Buyerbridge</title>
<link rel="stylesheet" href="/console/assets/console.css">
${ctx ? html`<meta name="csrf-token" content="${ctx.csrfToken}">` : ''}
<meta name="ui-language" content="${language}">
<script src="/console/assets/console.js" defer></script>
</head>
<body${options.live ? html` data-live="${options.live}"` : ''}>
${options.demo ? html`<div class="banner" role="note"><strong>${t(language, 'demoBanner')}</strong>${ctx?.demoOpen ? html` <span>${t(language, 'demoNoLogin')}</span>` : ''}</div>` : ''}
<nav class="top">
  <span class="brand">${t(language, 'appName')}</span>
  ${ctx ? tabs.map((tab) => html`<a href="${tab.path}" ${options.path === tab.path ? html`aria-current="page"` : ''}>${t(language, tab.key)}</a>`) : ''}
  <span class="spacer"></span>
  <a href="${options.path}?lang=${switchTo}" hreflang="${switchTo}">${t(language, 'language')}</a>
  ${ctx && !ctx.demoOpen && options.loggedIn !== false
    ? html`<form method="post" action="/console/logout" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit" class="link">${t(language, 'logout')}</button></form>`
    : ''}
</nav>
<main>
${options.body}
</main>
</body>
</html>`
  return doc.__html
}

export function errorBody(language: ConsoleContext['language'], message: string): SafeHtml {
  return html`<section class="error-box" role="alert"><h1>${t(language, 'error')}</h1><p>${message}</p><p><a href="/console">${t(language, 'back')}</a></p></section>`
}
