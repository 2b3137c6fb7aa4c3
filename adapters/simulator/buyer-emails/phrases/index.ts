import type { TemplateLanguage } from '../../../../src/domain/vocabulary.ts'
import { german } from './de.ts'
import { english } from './en.ts'
import { spanish } from './es.ts'
import { french } from './fr.ts'
import { italian } from './it.ts'
import { japanese } from './ja.ts'
import type { LanguagePhrases } from './types.ts'

export const PHRASES: Readonly<Record<TemplateLanguage, LanguagePhrases>> = {
  en: english,
  de: german,
  fr: french,
  it: italian,
  es: spanish,
  ja: japanese,
}

export { HIGH_RISK_FLAGS } from './types.ts'
export type { HighRiskFlag, LanguagePhrases, AmazonWording } from './types.ts'
