// Test-only preload (`node -r test/attack/fault.cjs bin/agentmerge.js ...`):
// injects file-system faults into the CLI, which calls node:fs through the
// module object, so patched functions are the ones it uses. AGENTMERGE_FAULT:
//   short:N          every writeSync writes at most N bytes (a short write)
//   enospc:N         the disk holds N more bytes, then writeSync fails ENOSPC
//   kill-at:K        SIGKILL at the K-th call of open/write/fsync/close/rename
//   kill-after-bytes:N  SIGKILL once writeSync has written N bytes (the write that crosses N is cut there)
//   kill-after-rename:K  SIGKILL right after the K-th rename
//   append:PATH      a line is appended to PATH when the first temporary is opened
const fs = require('node:fs')
const [mode, arg] = (process.env.AGENTMERGE_FAULT ?? '').split(/:(.*)/s)
const realWrite = fs.writeSync
let budget = Number(arg)
let calls = 0
let renames = 0
const kill = () => process.kill(process.pid, 'SIGKILL')
const count = (name) => {
  const real = fs[name]
  fs[name] = function (...args) {
    if (mode === 'kill-at' && ++calls === Number(arg)) kill()
    return real.apply(this, args)
  }
}
if (mode === 'short' || mode === 'enospc') {
  fs.writeSync = function (fd, buffer, offset, length, position) {
    if (typeof buffer === 'string') buffer = Buffer.from(buffer)
    offset = offset ?? 0
    length = length ?? buffer.length - offset
    let n = mode === 'short' ? Math.min(length, Number(arg)) : Math.min(length, budget)
    if (mode === 'enospc') {
      if (n === 0 && length > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })
      budget -= n
    }
    return realWrite.call(fs, fd, buffer, offset, n, position)
  }
}
if (mode === 'kill-after-bytes') {
  fs.writeSync = function (fd, buffer, offset, length, position) {
    if (typeof buffer === 'string') buffer = Buffer.from(buffer)
    offset = offset ?? 0
    length = length ?? buffer.length - offset
    const n = realWrite.call(fs, fd, buffer, offset, Math.min(length, budget), position)
    budget -= n
    if (budget <= 0) kill()
    return n
  }
}
if (mode === 'kill-at') for (const name of ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync']) count(name)
if (mode === 'kill-after-rename') {
  const real = fs.renameSync
  fs.renameSync = function (...args) {
    const r = real.apply(this, args)
    if (++renames === Number(arg)) kill()
    return r
  }
}
if (mode === 'append') {
  const real = fs.openSync
  let done = false
  fs.openSync = function (path, ...rest) {
    if (!done && String(path).includes('.agentmerge-tmp-')) {
      done = true
      fs.appendFileSync(arg, '- a line appended while agentmerge ran\n')
    }
    return real.call(this, path, ...rest)
  }
}
