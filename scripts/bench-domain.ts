// npm run bench:domain — the pure pipeline per buyer message on one core: classify → select templates →
// build variables → render the top choice → lint it. Target ≥ 5,000 messages/s.
import path from 'node:path'
import { generateBuyerEmail } from '../adapters/simulator/buyer-emails/index.ts'
import { parseAmazonBuyerEmail } from '../adapters/amazon/email/parse-buyer-email.ts'
import { classify } from '../src/domain/classify/index.ts'
import { lint } from '../src/domain/compliance/index.ts'
import { buildTemplateVariables, render, selectTemplates } from '../src/domain/templates/index.ts'
import { INTENTS, TEMPLATE_LANGUAGES } from '../src/domain/vocabulary.ts'
import { loadTemplateLibrary } from '../src/services/template-library.ts'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000)
const MARKETPLACE_OF = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP' } as const
const library = await loadTemplateLibrary(path.resolve(import.meta.dirname, '../templates'))

// Realistic buyer texts: generated Amazon e-mails, parsed once up front (parsing is I/O-side, not domain).
const samples = await Promise.all(
  Array.from({ length: 300 }, async (_, i) => {
    const language = TEMPLATE_LANGUAGES[i % TEMPLATE_LANGUAGES.length]!
    const mail = generateBuyerEmail({
      marketplace: MARKETPLACE_OF[language],
      language,
      intent: INTENTS[i % (INTENTS.length - 1)]!,
      buyerName: `Kim ${i}`,
      orderId: `111-${String(1000000 + i).padStart(7, '0')}-${String(2000000 + i).padStart(7, '0')}`,
      asin: 'B0BENCH001',
      productTitle: 'Thermos flask 1 L',
      sentAt: new Date(Date.UTC(2026, 10, 20)),
      variant: i,
    })
    const parsed = await parseAmazonBuyerEmail(mail.raw, { maxAttachmentBytes: 0 })
    if (parsed.kind !== 'buyer-message') throw new Error(`sample ${i} did not parse`)
    return parsed.message
  }),
)

function pipeline(i: number): number {
  const message = samples[i % samples.length]!
  const classification = classify(message.text, { subject: message.subject, priorBuyerMessages: 0 })
  const language = classification.language === 'und' ? 'en' : classification.language
  const choices = selectTemplates({
    library,
    intent: classification.intent,
    buyerLanguage: language,
    allowedPaths: ['spapi:confirmDeliveryDetails', 'spapi:unexpectedProblem'],
    conversationInitiatedBy: 'buyer',
  })
  const top = choices[0]
  if (!top) return 0
  const variables = buildTemplateVariables({
    language: top.language,
    marketplace: message.marketplace,
    buyerName: message.buyerName,
    orderId: message.orderId,
    productTitle: message.productTitle,
    asin: message.asin,
    carrier: 'DHL',
    trackingNumber: '00340434161234567890',
    shipDate: new Date(Date.UTC(2026, 10, 18)),
    deliveryDate: new Date(Date.UTC(2026, 10, 22)),
    storeName: 'Acme Store',
    agentName: 'Li Wei',
  })
  const rendered = render(top.template, top.language, variables)
  const findings = lint(rendered.body, { path: top.paths[0]!, buyerLanguage: top.language, marketplace: message.marketplace, orderId: message.orderId })
  return findings.length
}

for (let i = 0; i < 2_000; i++) pipeline(i) // warm-up: JIT and lazily compiled patterns
let findings = 0
const cpuBefore = process.cpuUsage()
const started = process.hrtime.bigint()
for (let i = 0; i < MESSAGES; i++) findings += pipeline(i)
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const cpu = process.cpuUsage(cpuBefore)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
console.log(`domain pipeline (classify + select + render + lint), one thread, ${MESSAGES} messages:`)
console.log(`  wall clock: ${(MESSAGES / seconds).toFixed(0)} messages/s (${((seconds / MESSAGES) * 1e6).toFixed(1)} µs each)`)
// CPU time stays meaningful when other processes share the cores (it includes GC on helper threads).
console.log(`  per CPU-second: ${(MESSAGES / cpuSeconds).toFixed(0)} messages/s`)
console.log(`lint findings on the rendered templates: ${findings} (the shipped templates must lint clean)`)
if (findings > 0) process.exitCode = 1
