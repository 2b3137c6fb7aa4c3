import type { UiLanguage } from '../../../domain/vocabulary.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'

export function loginBody(language: UiLanguage, options: { next: string; enabled: boolean; failed: boolean }): SafeHtml {
  if (!options.enabled) {
    const text = language === 'zh-CN' ? '控制台登录未启用：请设置 CONSOLE_PASSWORD 或 ADMIN_TOKEN。' : 'Console login is disabled: set CONSOLE_PASSWORD or ADMIN_TOKEN.'
    return html`<section class="login"><h1>${t(language, 'loginTitle')}</h1><p role="alert">${text}</p></section>`
  }
  return html`<section class="login"><h1>${t(language, 'loginTitle')}</h1>
  ${options.failed ? html`<p class="error" role="alert">${t(language, 'loginFailed')}</p>` : ''}
  <form method="post" action="/console/login">
    <input type="hidden" name="next" value="${options.next}">
    <label>${t(language, 'loginUser')}<input name="user" autocomplete="username" maxlength="64"></label>
    <label>${t(language, 'loginPassword')}<input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit" class="btn primary">${t(language, 'loginSubmit')}</button>
  </form></section>`
}
