import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lint } from '../../src/domain/compliance/lint.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { render } from '../../src/domain/templates/render.ts'
import { buildTemplateVariables } from '../../src/domain/templates/variables.ts'
import type { TemplateLanguage } from '../../src/domain/vocabulary.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'

const MARKETPLACE_OF: Record<TemplateLanguage, string> = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP' }
const BUYER_OF: Record<TemplateLanguage, string> = {
  en: 'Anna Miller',
  de: 'Jonas Becker',
  fr: 'Camille Durand',
  it: 'Giulia Romano',
  es: 'Lucía García',
  ja: '山田 太郎',
}
const ORDER_ID = '304-5829174-6620315'

function sampleVariables(lang: TemplateLanguage) {
  return buildTemplateVariables({
    language: lang,
    marketplace: MARKETPLACE_OF[lang],
    buyerName: BUYER_OF[lang],
    orderId: ORDER_ID,
    productTitle: 'Lumora LED 40',
    asin: 'B0C7X2Q9LM',
    carrier: 'DHL',
    trackingNumber: 'JJD000390007263190',
    shipDate: new Date('2026-11-23T10:00:00Z'),
    deliveryDate: new Date('2026-11-26T10:00:00Z'),
    storeName: 'Lumora',
    agentName: 'Mei Chen',
  })
}

const library = await loadTemplateLibrary(join(import.meta.dirname, '../../templates'))
const cases = library.templates.flatMap((template) =>
  (Object.keys(template.languages) as TemplateLanguage[]).flatMap((lang) =>
    template.paths.map((path) => ({ name: `${template.id}/${lang}.md via ${path}`, template, lang, path })),
  ),
)

describe('the shipped templates', () => {
  it('load as a consistent library', () => {
    expect(library.templates.length).toBeGreaterThanOrEqual(14)
    for (const template of library.templates) expect(template.languages.en).toBeDefined()
  })

  it.each(cases)('$name renders with sample variables and lints clean', ({ template, lang, path }) => {
    const rendered = render(template, lang, sampleVariables(lang))
    const findings = lint(rendered.body, { path, buyerLanguage: lang, marketplace: MARKETPLACE_OF[lang], orderId: ORDER_ID })
    const described = findings.map((f) => `${f.ruleId} (${f.severity}) at ${f.start}-${f.end}: "${rendered.body.slice(f.start, f.end)}"`)
    expect(described).toEqual([])
  })
})

describe('loadTemplateLibrary', () => {
  const front = (id: string, extra = '') =>
    `---\nid: ${id}\ntitle:\n  en: Test\n  zh-CN: 测试\nintents: [other]\npaths: [email]\nvariables: [orderId]\n${extra}---\n{{greeting}}\n\nOrder {{orderId}}.\n`

  async function withDir(files: Record<string, string>, run: (dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'bb-templates-'))
    try {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true })
        await writeFile(join(dir, path), text)
      }
      await run(dir)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  it('loads templates and ignores files beside the template folders', async () => {
    await withDir({ 'README.md': '# notes', 'a-b/en.md': front('a-b'), 'a-b/de.md': front('a-b') }, async (dir) => {
      const lib = await loadTemplateLibrary(dir)
      expect(lib.templates.map((t) => t.id)).toEqual(['a-b'])
      expect(Object.keys(lib.byId.get('a-b')?.languages ?? {}).sort()).toEqual(['de', 'en'])
    })
  })

  it('collects every problem of every file into one error', async () => {
    await withDir(
      {
        'one/en.md': front('one'),
        'one/de.md': front('one').replace('intents: [other]', 'intents: [refund-status]'),
        'two/en.md': front('wrong-id'),
        'three/xx.md': front('three'),
        'four/en.md': 'no front matter',
      },
      async (dir) => {
        const error = await loadTemplateLibrary(dir).then(
          () => null,
          (e: unknown) => e,
        )
        expect(isAppError(error, 'TEMPLATE_LIBRARY_INVALID')).toBe(true)
        const message = (error as Error).message
        expect(message).toContain('templates/one/de.md: intents')
        expect(message).toContain('templates/two/en.md: id')
        expect(message).toContain('templates/three/xx.md: language')
        expect(message).toContain('templates/four/en.md: (front matter)')
      },
    )
  })

  it('names a missing folder', async () => {
    await expect(loadTemplateLibrary(join(tmpdir(), 'bb-no-such-folder-xyz'))).rejects.toMatchObject({ code: 'TEMPLATE_DIR_UNREADABLE' })
  })
})
