// Text formatting for cards: times, durations, languages, marketplaces, reply paths, in en or zh-CN.

import { DateTime } from 'luxon'
import { marketplaceByCode, marketplaceById } from '../marketplaces.ts'
import type { ReplyPath, SpapiTextAction, UiLanguage } from '../vocabulary.ts'
import { MARKETPLACE_NAMES_ZH, SPAPI_ACTION_LABELS } from './labels.ts'

/** `2026-03-08 14:05 UTC` or `2026-03-08 22:05 UTC+08:00`: unambiguous for a team spread across zones. */
export function formatInstant(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone })
  const offset = local.offset === 0 ? 'UTC' : `UTC${local.toFormat('ZZ')}`
  return `${local.toFormat('yyyy-MM-dd HH:mm')} ${offset}`
}

/** `5 h 10 min`, `45 min` / `5小时10分钟`, rounded down to the minute. */
export function formatDuration(ms: number, language: UiLanguage): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000)
  const days = Math.floor(totalMinutes / (24 * 60))
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60)
  const minutes = totalMinutes % 60
  const units = language === 'zh-CN' ? { d: '天', h: '小时', m: '分钟', sep: '' } : { d: ' d', h: ' h', m: ' min', sep: ' ' }
  const parts: string[] = []
  if (days > 0) parts.push(`${days}${units.d}`)
  if (hours > 0) parts.push(`${hours}${units.h}`)
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes}${units.m}`)
  return parts.join(units.sep)
}

const languageNames: Record<UiLanguage, Intl.DisplayNames> = {
  en: new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }),
  'zh-CN': new Intl.DisplayNames(['zh-CN'], { type: 'language', fallback: 'code' }),
}

/** `German (de)` / `德语 (de)`; `Unknown` / `未知` when not detected. */
export function languageLabel(code: string | null, language: UiLanguage): string {
  if (!code) return language === 'zh-CN' ? '未知' : 'Unknown'
  try {
    return `${languageNames[language].of(code) ?? code} (${code})`
  } catch {
    return code
  }
}

/** `DE · Germany` / `DE · 德国` from a country code or an SP-API marketplace id; as given when unknown. */
export function marketplaceLabel(codeOrId: string, language: UiLanguage): string {
  const marketplace = marketplaceByCode(codeOrId) ?? marketplaceById(codeOrId)
  if (!marketplace) return codeOrId
  const name = language === 'zh-CN' ? (MARKETPLACE_NAMES_ZH[marketplace.code] ?? marketplace.name) : marketplace.name
  return `${marketplace.code} · ${name}`
}

/** `e-mail` / `邮件`, `SP-API: confirm delivery details` / `SP-API：确认配送信息`. */
export function replyPathLabel(path: ReplyPath, language: UiLanguage): string {
  if (path === 'email') return language === 'zh-CN' ? '邮件' : 'e-mail'
  const action = path.slice('spapi:'.length) as SpapiTextAction
  const name = SPAPI_ACTION_LABELS[action]?.[language] ?? action
  return language === 'zh-CN' ? `SP-API：${name}` : `SP-API: ${name}`
}
