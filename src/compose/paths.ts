import { existsSync } from 'node:fs'
import path from 'node:path'

/** The `templates/` folder next to package.json, from the sources (src/compose) or the build (dist/src/compose). */
export function templatesDirectory(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return path.join(dir, 'templates')
    if (path.dirname(dir) === dir) throw new Error('cannot find the templates folder next to package.json')
  }
}
