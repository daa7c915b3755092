// Word vectors from co-occurrence counts, in plain JavaScript: positive PMI
// (context distribution smoothed), then a truncated eigendecomposition of the
// symmetric PPMI matrix by randomized subspace iteration with a fixed seed
// and a Jacobi solve of the small projected matrix. Every loop runs in a fixed
// order, so the same counts give the same bits. Used by scripts/train.mjs.

import { rng as random } from './rng.mjs'

/**
 * PPMI of symmetric pair counts over n words. `pairs`: Map from i*n+j (i<j)
 * to count. Returns the matrix as CSR (rows, cols, vals), symmetric.
 */
export function ppmi(n, pairs, { smoothing = 0.75 } = {}) {
  const marg = new Float64Array(n)
  let total = 0
  for (const [key, c] of pairs) {
    const i = Math.floor(key / n)
    const j = key - i * n
    marg[i] += c
    marg[j] += c
    total += 2 * c
  }
  let smoothTotal = 0
  for (let i = 0; i < n; i++) smoothTotal += Math.pow(marg[i], smoothing)
  const entries = Array.from({ length: n }, () => [])
  for (const [key, c] of pairs) {
    const i = Math.floor(key / n)
    const j = key - i * n
    // Symmetrized: the mean of PMI(i,j) and PMI(j,i) under smoothed contexts.
    const pij = c / total
    const a = Math.log(pij / ((marg[i] / total) * (Math.pow(marg[j], smoothing) / smoothTotal)))
    const b = Math.log(pij / ((marg[j] / total) * (Math.pow(marg[i], smoothing) / smoothTotal)))
    const v = (a + b) / 2
    if (v > 0) {
      entries[i].push([j, v])
      entries[j].push([i, v])
    }
  }
  const rows = new Int32Array(n + 1)
  let nnz = 0
  for (let i = 0; i < n; i++) nnz += entries[i].length
  const cols = new Int32Array(nnz)
  const vals = new Float64Array(nnz)
  let at = 0
  for (let i = 0; i < n; i++) {
    entries[i].sort((x, y) => x[0] - y[0])
    rows[i] = at
    for (const [j, v] of entries[i]) {
      cols[at] = j
      vals[at++] = v
    }
  }
  rows[n] = at
  return { n, rows, cols, vals }
}

/** Y = M X for CSR M (n x n) and dense column-major X (n x l). */
function multiply(m, x, l) {
  const { n, rows, cols, vals } = m
  const y = new Float64Array(n * l)
  for (let c = 0; c < l; c++) {
    const off = c * n
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let k = rows[i]; k < rows[i + 1]; k++) s += vals[k] * x[off + cols[k]]
      y[off + i] = s
    }
  }
  return y
}

/** Orthonormalize the columns of a dense column-major n x l matrix in place (modified Gram-Schmidt, twice). */
function orthonormalize(x, n, l) {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < l; c++) {
      const oc = c * n
      for (let p = 0; p < c; p++) {
        const op = p * n
        let d = 0
        for (let i = 0; i < n; i++) d += x[oc + i] * x[op + i]
        for (let i = 0; i < n; i++) x[oc + i] -= d * x[op + i]
      }
      let norm = 0
      for (let i = 0; i < n; i++) norm += x[oc + i] * x[oc + i]
      norm = Math.sqrt(norm) || 1
      for (let i = 0; i < n; i++) x[oc + i] /= norm
    }
  }
}

/** Eigen-decomposition of a small symmetric matrix (row-major l x l) by cyclic Jacobi. */
function jacobi(a, l) {
  const v = new Float64Array(l * l)
  for (let i = 0; i < l; i++) v[i * l + i] = 1
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q] * a[p * l + q]
    if (off < 1e-22) break
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q * l + q] - a[p * l + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]
          const akq = a[k * l + q]
          a[k * l + p] = c * akp - s * akq
          a[k * l + q] = s * akp + c * akq
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]
          const aqk = a[q * l + k]
          a[p * l + k] = c * apk - s * aqk
          a[q * l + k] = s * apk + c * aqk
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]
          const vkq = v[k * l + q]
          v[k * l + p] = c * vkp - s * vkq
          v[k * l + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const values = Array.from({ length: l }, (_, i) => a[i * l + i])
  return { values, vectors: v }
}

/**
 * The top `dims` eigenpairs (by magnitude) of a symmetric CSR matrix; returns
 * word vectors (row i: eigenvectors scaled by sqrt|eigenvalue|) as one
 * Float64Array per word.
 */
export function truncatedEmbedding(m, dims, { oversample = 20, iterations = 6, seed = 12 } = {}) {
  const { n } = m
  const l = Math.min(n, dims + oversample)
  const rand = random(seed)
  let q = new Float64Array(n * l)
  for (let i = 0; i < q.length; i++) q[i] = rand() * 2 - 1
  orthonormalize(q, n, l)
  for (let it = 0; it < iterations; it++) {
    q = multiply(m, q, l)
    orthonormalize(q, n, l)
  }
  const mq = multiply(m, q, l)
  const b = new Float64Array(l * l)
  for (let r = 0; r < l; r++) {
    for (let c = 0; c < l; c++) {
      let s = 0
      for (let i = 0; i < n; i++) s += q[r * n + i] * mq[c * n + i]
      b[r * l + c] = s
    }
  }
  // Symmetrize away rounding.
  for (let r = 0; r < l; r++) for (let c = r + 1; c < l; c++) b[r * l + c] = b[c * l + r] = (b[r * l + c] + b[c * l + r]) / 2
  const { values, vectors } = jacobi(b, l)
  const order = values.map((v, i) => i).sort((x, y) => Math.abs(values[y]) - Math.abs(values[x]) || x - y).slice(0, Math.min(dims, l))
  const out = Array.from({ length: n }, () => new Float64Array(order.length))
  order.forEach((e, d) => {
    const scale = Math.sqrt(Math.abs(values[e]))
    const col = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let r = 0; r < l; r++) s += q[r * n + i] * vectors[r * l + e]
      col[i] = s
    }
    // A fixed sign per dimension: its largest component positive.
    let top = 0
    for (let i = 1; i < n; i++) if (Math.abs(col[i]) > Math.abs(col[top])) top = i
    const sign = col[top] < 0 ? -1 : 1
    for (let i = 0; i < n; i++) out[i][d] = sign * col[i] * scale
  })
  return out
}

/** A vector as int8 (unit length first, then the largest component at 127). */
export function quantize(v) {
  let norm = 0
  for (const x of v) norm += x * x
  norm = Math.sqrt(norm) || 1
  let max = 0
  for (const x of v) max = Math.max(max, Math.abs(x / norm))
  const q = new Int8Array(v.length)
  for (let d = 0; d < v.length; d++) q[d] = max > 0 ? Math.round(((v[d] / norm) / max) * 127) : 0
  return q
}
