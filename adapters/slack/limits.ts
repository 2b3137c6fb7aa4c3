// Slack's Block Kit limits and a validator that checks a message or a modal against them. Limits are from
// Slack's Block Kit reference (PLATFORM-FACTS §4); the aggregate text limit is not published exactly: Slack
// answers `msg_blocks_too_long` somewhere past 13,000 characters, so cards stay under a 12,000 budget.

import type { ModalView, SlackMessage } from './block-kit.ts'

export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  /** Our own budget for all text in a message's blocks (Slack fails at roughly 13 K). */
  messageTextTotal: 12_000,
  /** The top-level `text` of a message; Slack truncates at 40,000, notifications need far less. */
  fallbackText: 3_000,
  headerText: 150,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  contextElements: 10,
  contextText: 3_000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionGroupLabel: 75,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  callbackId: 255,
  privateMetadata: 3_000,
  inputLabel: 2_000,
  inputHint: 2_000,
  plainTextInput: 3_000,
} as const

export interface LimitViolation {
  /** JSON path of the offending value, e.g. `blocks[3].elements[0].text.text`. */
  path: string
  limit: number
  actual: number
  what: string
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const textOf = (value: unknown): string => (isObject(value) && typeof value.text === 'string' ? value.text : '')
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

class Checker {
  readonly violations: LimitViolation[] = []
  total = 0

  max(path: string, what: string, actual: number, limit: number): void {
    if (actual > limit) this.violations.push({ path, what, actual, limit })
  }

  text(path: string, what: string, value: unknown, limit: number): void {
    const text = textOf(value)
    this.total += text.length
    this.max(`${path}.text`, what, text.length, limit)
  }

  string(path: string, what: string, value: unknown, limit: number): void {
    if (typeof value === 'string') this.max(path, what, value.length, limit)
  }

  confirm(path: string, confirm: unknown): void {
    if (!isObject(confirm)) return
    this.text(`${path}.title`, 'confirm title', confirm.title, SLACK_LIMITS.confirmTitle)
    this.text(`${path}.text`, 'confirm text', confirm.text, SLACK_LIMITS.confirmText)
    this.text(`${path}.confirm`, 'confirm button', confirm.confirm, SLACK_LIMITS.confirmButton)
    this.text(`${path}.deny`, 'deny button', confirm.deny, SLACK_LIMITS.confirmButton)
  }

  options(path: string, options: unknown[]): void {
    options.forEach((option, i) => {
      const o = isObject(option) ? option : {}
      this.text(`${path}[${i}].text`, 'option text', o.text, SLACK_LIMITS.optionText)
      this.string(`${path}[${i}].value`, 'option value', o.value, SLACK_LIMITS.optionValue)
    })
  }

  element(path: string, element: unknown): void {
    if (!isObject(element)) return
    this.string(`${path}.action_id`, 'action_id', element.action_id, SLACK_LIMITS.actionId)
    if (element.type === 'button') {
      this.text(`${path}.text`, 'button text', element.text, SLACK_LIMITS.buttonText)
      this.string(`${path}.value`, 'button value', element.value, SLACK_LIMITS.buttonValue)
      this.confirm(`${path}.confirm`, element.confirm)
    } else if (element.type === 'static_select') {
      this.text(`${path}.placeholder`, 'placeholder', element.placeholder, SLACK_LIMITS.placeholder)
      const options = arrayOf(element.options)
      const groups = arrayOf(element.option_groups)
      this.max(`${path}.options`, 'select options', options.length, SLACK_LIMITS.selectOptions)
      this.max(`${path}.option_groups`, 'option groups', groups.length, SLACK_LIMITS.optionGroups)
      this.options(`${path}.options`, options)
      let grouped = 0
      groups.forEach((group, g) => {
        const gr = isObject(group) ? group : {}
        const groupOptions = arrayOf(gr.options)
        grouped += groupOptions.length
        this.text(`${path}.option_groups[${g}].label`, 'option group label', gr.label, SLACK_LIMITS.optionGroupLabel)
        this.options(`${path}.option_groups[${g}].options`, groupOptions)
      })
      this.max(`${path}.option_groups[*].options`, 'select options (all groups)', grouped, SLACK_LIMITS.selectOptions)
    } else if (element.type === 'plain_text_input') {
      this.string(`${path}.initial_value`, 'input initial value', element.initial_value, SLACK_LIMITS.plainTextInput)
      if (typeof element.max_length === 'number') {
        this.max(`${path}.max_length`, 'input max_length', element.max_length, SLACK_LIMITS.plainTextInput)
      }
      this.text(`${path}.placeholder`, 'placeholder', element.placeholder, SLACK_LIMITS.placeholder)
    }
  }

  block(path: string, block: unknown): void {
    if (!isObject(block)) return
    this.string(`${path}.block_id`, 'block_id', block.block_id, SLACK_LIMITS.blockId)
    switch (block.type) {
      case 'header':
        this.text(`${path}.text`, 'header text', block.text, SLACK_LIMITS.headerText)
        break
      case 'section': {
        if (block.text !== undefined) this.text(`${path}.text`, 'section text', block.text, SLACK_LIMITS.sectionText)
        const fields = arrayOf(block.fields)
        this.max(`${path}.fields`, 'section fields', fields.length, SLACK_LIMITS.sectionFields)
        fields.forEach((field, i) => this.text(`${path}.fields[${i}]`, 'section field', field, SLACK_LIMITS.sectionFieldText))
        this.element(`${path}.accessory`, block.accessory)
        break
      }
      case 'context': {
        const elements = arrayOf(block.elements)
        this.max(`${path}.elements`, 'context elements', elements.length, SLACK_LIMITS.contextElements)
        elements.forEach((e, i) => this.text(`${path}.elements[${i}]`, 'context text', e, SLACK_LIMITS.contextText))
        break
      }
      case 'actions': {
        const elements = arrayOf(block.elements)
        this.max(`${path}.elements`, 'actions elements', elements.length, SLACK_LIMITS.actionsElements)
        elements.forEach((e, i) => this.element(`${path}.elements[${i}]`, e))
        break
      }
      case 'input':
        this.text(`${path}.label`, 'input label', block.label, SLACK_LIMITS.inputLabel)
        if (block.hint !== undefined) this.text(`${path}.hint`, 'input hint', block.hint, SLACK_LIMITS.inputHint)
        this.element(`${path}.element`, block.element)
        break
      default:
        break
    }
  }
}

/** Every way `message` breaks Slack's limits; empty when Slack would accept it. */
export function validateSlackMessage(message: SlackMessage): LimitViolation[] {
  const checker = new Checker()
  checker.max('text', 'fallback text', message.text.length, SLACK_LIMITS.fallbackText)
  checker.max('blocks', 'blocks', message.blocks.length, SLACK_LIMITS.messageBlocks)
  message.blocks.forEach((block, i) => checker.block(`blocks[${i}]`, block))
  checker.max('blocks[*]', 'total block text', checker.total, SLACK_LIMITS.messageTextTotal)
  return checker.violations
}

/** Every way `view` breaks Slack's limits for a modal. */
export function validateModal(view: ModalView): LimitViolation[] {
  const checker = new Checker()
  checker.text('title', 'modal title', view.title, SLACK_LIMITS.modalTitle)
  if (view.submit) checker.text('submit', 'modal submit', view.submit, SLACK_LIMITS.modalSubmit)
  if (view.close) checker.text('close', 'modal close', view.close, SLACK_LIMITS.modalClose)
  checker.string('callback_id', 'callback_id', view.callback_id, SLACK_LIMITS.callbackId)
  checker.string('private_metadata', 'private_metadata', view.private_metadata, SLACK_LIMITS.privateMetadata)
  checker.max('blocks', 'blocks', view.blocks.length, SLACK_LIMITS.modalBlocks)
  view.blocks.forEach((block, i) => checker.block(`blocks[${i}]`, block))
  return checker.violations
}

/** Total characters of every text object in `blocks`, as the message budget counts them. */
export function blockTextLength(blocks: SlackMessage['blocks']): number {
  const checker = new Checker()
  blocks.forEach((block, i) => checker.block(`blocks[${i}]`, block))
  return checker.total
}
