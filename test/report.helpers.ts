// Shared by the report tests: an edited copy of a fixture for the diff report.
import { edit, fixture } from './diff-helpers.js'

/** The OpenCode fixture edited: a rewording, a move, a removal, an addition (with markup in it), a renamed section and a changed field. */
export function editedOpencode(): string {
  let b = edit(fixture('backend-developer-opencode.md'), '- Performance optimization\n', '- Performance tuning and careful optimization\n')
  b = edit(edit(b, '- Docker configuration\n', ''), '- **Documentation** - API docs, code comments, runbooks\n', '- **Documentation** - API docs, code comments, runbooks\n- Docker configuration\n')
  b = edit(b, '### Database Architecture', '### Data Storage Design')
  b = edit(b, '- Microservices architecture\n', '')
  b = edit(b, '- Backend service implementation\n', '- Backend service implementation\n- Never log secrets, tokens or <img src=x onerror=alert(1)> payloads\n')
  return edit(b, 'description: Senior backend engineer', 'description: Principal backend engineer')
}
