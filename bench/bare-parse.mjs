// The baseline of `npm run bench`: import remark with the plugins agentmerge
// uses (GFM, YAML frontmatter), straight from node_modules and unbundled, and
// parse the given files (directories: the .md files in them) one after the
// other on one thread. Nothing else: no model, no output.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze()
const files = process.argv.slice(2).flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.md')).sort().map((f) => join(path, f)) : [path]))
let nodes = 0
for (const file of files) nodes += processor.parse(readFileSync(file, 'utf8')).children.length
if (nodes < 0) console.log(nodes)
