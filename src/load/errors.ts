// Errors across the worker-thread boundary. Structured cloning keeps an
// Error's message but not its class or fields, so a worker sends the fields
// and the main thread re-creates the AgentError from them. An error that is
// not an AgentError is a bug: it travels as its message and stack and comes
// back as an AgentError with code `internal` that reads the way the CLI
// reports any bug, with the original stack for --debug.
import { AgentError } from '../errors.js'

export interface ErrorFields {
  agent: boolean
  code: string
  message: string
  path: string
  line?: number
  column?: number
  stack?: string
}

export function errorFields(error: unknown, path: string): ErrorFields {
  if (error instanceof AgentError) {
    return { agent: true, code: error.code, message: error.message, path: error.path, line: error.line, column: error.column, stack: error.stack }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { agent: false, code: 'internal', message, path, stack: error instanceof Error ? error.stack : undefined }
}

/** The AgentError a worker's error stands for, or a bug wrapped as code `internal`. */
export function reviveError(fields: ErrorFields): AgentError {
  if (fields.agent) {
    const error = new AgentError(fields.code, fields.message, fields.path, fields.line, fields.column)
    if (fields.stack) error.stack = fields.stack
    return error
  }
  return internalError(fields.message, fields.path, fields.stack)
}

/** A bug in reading one file, reported like the CLI reports any bug. */
function internalError(message: string, path: string, stack?: string): AgentError {
  const error = new AgentError('internal', `internal error: ${message.split('\n')[0]} (rerun with --debug for details)`, path)
  if (stack) error.stack = stack
  return error
}

/** The one form every error of loadAgents takes. */
export function asAgentError(error: unknown, path: string): AgentError {
  if (error instanceof AgentError) return error
  return reviveError(errorFields(error, path))
}
