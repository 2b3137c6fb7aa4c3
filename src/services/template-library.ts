// Loads the reply templates from disk: `<dir>/<template-id>/<lang>.md`. Every problem is collected, so an
// operator fixing templates sees all of them at once.

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, isAppError } from '../domain/errors.ts'
import { buildTemplateLibrary, describeProblems, libraryProblems } from '../domain/templates/library.ts'
import { parseTemplateFile } from '../domain/templates/parse.ts'
import type { TemplateProblem } from '../domain/templates/parse.ts'
import { templateFileLabel } from '../domain/templates/template.ts'
import type { TemplateFile, TemplateLibrary } from '../domain/templates/template.ts'

export async function loadTemplateLibrary(dir: string): Promise<TemplateLibrary> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    throw new AppError('TEMPLATE_DIR_UNREADABLE', `cannot read the template folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { dir }, { cause: error })
  }
  const templateDirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort()
  const problems: TemplateProblem[] = []
  const files: TemplateFile[] = []
  await Promise.all(
    templateDirs.map(async (templateId) => {
      let names: string[]
      try {
        names = (await readdir(join(dir, templateId))).filter((n) => !n.startsWith('.')).sort()
      } catch (error) {
        problems.push({ file: `templates/${templateId}/`, field: '(folder)', message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
        return
      }
      const mdFiles = names.filter((n) => n.endsWith('.md'))
      if (mdFiles.length === 0) {
        problems.push({ file: `templates/${templateId}/`, field: 'language', message: 'no <lang>.md file' })
      }
      for (const name of mdFiles) {
        const lang = name.slice(0, -'.md'.length)
        try {
          files.push(parseTemplateFile(templateId, lang, await readFile(join(dir, templateId, name), 'utf8')))
        } catch (error) {
          if (isAppError(error, 'TEMPLATE_INVALID') && Array.isArray(error.details?.problems)) {
            problems.push(...(error.details.problems as TemplateProblem[]))
          } else {
            problems.push({ file: templateFileLabel(templateId, lang), field: '(file)', message: String(error) })
          }
        }
      }
    }),
  )
  files.sort((a, b) => a.file.localeCompare(b.file))
  problems.push(...libraryProblems(files))
  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file))
    throw new AppError('TEMPLATE_LIBRARY_INVALID', describeProblems(problems), { dir, problems })
  }
  return buildTemplateLibrary(files)
}
