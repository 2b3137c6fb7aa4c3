import { describe, expect, it } from 'vitest'
import { marketplaceByAliasDomain, marketplaceByCode, marketplaceById, MARKETPLACES } from '../../../src/domain/marketplaces.ts'

describe('marketplaces', () => {
  it.each([
    ['marketplace.amazon.com', 'US'],
    ['marketplace.amazon.co.uk', 'UK'],
    ['MARKETPLACE.AMAZON.DE', 'DE'],
    ['marketplace.amazon.co.jp', 'JP'],
    ['marketplace.amazon.com.mx', 'MX'],
  ])('maps alias domain %s to %s', (domain, code) => {
    expect(marketplaceByAliasDomain(domain)?.code).toBe(code)
  })

  it('has unique codes, ids and alias domains', () => {
    for (const key of ['code', 'id', 'aliasDomain'] as const) {
      expect(new Set(MARKETPLACES.map((m) => m[key])).size).toBe(MARKETPLACES.length)
    }
  })

  it('accepts GB for the United Kingdom and finds by id', () => {
    expect(marketplaceByCode('gb')?.id).toBe('A1F83G8C2ARO7P')
    expect(marketplaceById('A1PA6795UKMFR9')?.code).toBe('DE')
    expect(marketplaceByCode('XX')).toBeUndefined()
  })
})
