// The Markdown codec: text to mdast (CommonMark, GFM, YAML frontmatter) and
// mdast to canonical Markdown, with the bounds a text is checked against
// before it is parsed. It sits below the model and render layers and knows
// nothing of agents; everything above reaches it through this file.
export { parseMarkdown, STRINGIFY_OPTIONS, stringifyMarkdown } from './codec.js'
export { checkLimits, MAX_NESTING } from './limits.js'
export { fenceOf, leftOpen } from './fence.js'
