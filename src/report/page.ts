// The page every report is written into: one HTML file with its style and
// script inline, a Content-Security-Policy that lets the page load nothing
// and run only its own script (by hash, so even a mistake in escaping could
// not run anything), the system's fonts, and a print stylesheet.
import { createHash } from 'node:crypto'
import { VERSION } from '../version.js'
import { esc } from './html.js'
import { swatch } from './palette.js'

const BASE_CSS = `:root{color-scheme:light;--fg:#1a1a1a;--muted:#4a4a4a;--bg:#ffffff;--line:#c4c4c4;--soft:#f3f4f6;--focus:#1a56db;--link:#0b4fb3;--del-bg:#ffe3e3;--del-fg:#7a0010;--ins-bg:#d9f2df;--ins-fg:#0a4f1c;--warn-bg:#fff4d6;--warn-fg:#5c3b00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top,main{max-width:78rem;margin:0 auto;padding:1rem 1.5rem}
header.top{border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:.25rem 0 .5rem}
h2{font-size:1.35rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.2rem}h4{font-size:1.08rem}h5,h6{font-size:1rem}
h3,h4,h5,h6{margin:1.25rem 0 .35rem}
p{margin:.35rem 0}
a{color:var(--link)}
code,pre,.place,kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.875em}
code{overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.45rem .7rem;border-radius:4px;margin:.25rem 0}
pre[data-lang]::before{content:attr(data-lang);display:block;font-size:.75rem;color:var(--muted)}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
summary{cursor:pointer;width:fit-content}
summary:hover{text-decoration:underline}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
.skip{position:absolute;left:-9999px;top:.5rem}
.skip:focus{left:1rem;background:var(--bg);padding:.4rem .7rem;border:2px solid var(--focus);z-index:10}
.lede{font-size:1.05rem}
.muted,.place{color:var(--muted)}
.toolbar{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
.toolbar button,.controls label{font:inherit;font-size:.9rem}
.toolbar button{padding:.2rem .7rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer}
.controls{margin:.5rem 0;font-size:.95rem}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(10.5rem,1fr));gap:.5rem;margin:.75rem 0;padding:0}
.stats div{border:1px solid var(--line);border-radius:6px;padding:.4rem .7rem}
.stats dt{color:var(--muted);font-size:.85rem}
.stats dd{margin:0;font-size:1.45rem;font-weight:700;font-variant-numeric:tabular-nums}
table.data{border-collapse:collapse;width:100%;margin:.5rem 0}
table.data th,table.data td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
table.data thead th{background:var(--soft)}
table.md{border-collapse:collapse;margin:.1rem 0}
table.md th,table.md td{border:1px solid var(--line);padding:.15rem .45rem;text-align:left;vertical-align:top}
.al-right{text-align:right!important}.al-center{text-align:center!important}
.badge{display:inline-block;min-width:1.7em;padding:0 .35em;border-radius:.3em;font:700 .8rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;text-align:center;border:2px solid transparent;vertical-align:baseline}
.badges{display:inline-flex;gap:.2rem;flex-wrap:wrap}
.tag{display:inline-block;font-size:.78rem;font-weight:600;padding:0 .4em;border:1px solid var(--muted);border-radius:.3em;color:var(--fg)}
.tag.warn{background:var(--warn-bg);color:var(--warn-fg);border-color:var(--warn-fg)}
table.data .num{text-align:right;font-variant-numeric:tabular-nums}
.only-label{font-size:.9rem;white-space:nowrap}
.nowrap,.nowrap code{white-space:nowrap;overflow-wrap:normal}
.diags{padding-left:1.2rem}
.diags li{margin:.2rem 0}
ul.sts{list-style:none;padding:0;margin:.25rem 0}
.st{border-left:4px solid var(--line);padding:.2rem .75rem;margin:.45rem 0}
.st.multi{border-left-color:var(--muted)}
.st .body>p:first-child,.st .body>ul:first-child,.st .body>ol:first-child{margin-top:0}
.st .body p{margin:.15rem 0}
.st .body ul,.st .body ol{margin:.15rem 0;padding-left:1.4rem}
.meta{font-size:.85rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline;margin-top:.1rem}
.meta details{flex-basis:100%}
.meta summary{color:var(--fg)}
.members{list-style:none;padding:0 0 0 .5rem;margin:.3rem 0;border-left:2px solid var(--line)}
.member{margin:.3rem 0;padding-left:.5rem}
.member .wording{color:var(--fg);margin:.1rem 0 0 .25rem}
.member .wording p{margin:0}
.sec-meta{font-size:.85rem;color:var(--muted);margin:.1rem 0 .4rem}
.sec-meta details{display:inline-block}
.sec-members{margin:.25rem 0;padding-left:1.2rem}
.count{font-variant-numeric:tabular-nums}
.toc{margin:.5rem 0 1rem}
.toc ul{margin:.1rem 0;padding-left:1.2rem}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:underline}
del::before,del::after,ins::before,ins::after{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);clip:rect(1px,1px,1px,1px);white-space:nowrap}
del::before{content:" [removed: "}ins::before{content:" [added: "}del::after,ins::after{content:"] "}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed;margin:.35rem 0 1rem}
table.sbs col.k{width:9.5rem}
table.sbs th,table.sbs td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
table.sbs thead th{background:var(--soft);font-weight:600}
table.sbs td p{margin:.1rem 0}
table.sbs td ul,table.sbs td ol{margin:.1rem 0;padding-left:1.3rem}
tr.added td.new,tr.removed td.old{border-left:4px solid var(--fg)}
tr.added td.new{background:var(--ins-bg)}
tr.removed td.old{background:var(--del-bg)}
tr.unchanged td{color:var(--muted)}
td.k{font-weight:600;font-size:.88rem}
th.k .muted{font-weight:400;font-size:.85rem}
.ln{float:right;margin-left:.6rem;font-size:.78rem}
td.k .sym{display:inline-block;width:1.1em}
.empty{color:var(--muted);font-style:italic;font-size:.85rem}
body:has(#hide-unchanged:checked) tr.unchanged{display:none}
article.file{margin-top:1rem}
.key{font-size:.9rem}
.sides{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.25rem 0}
.sides div{display:contents}
.sides dt{font-weight:600}
.sides dd{margin:0}
@media (max-width:40rem){header.top,main{padding:.75rem}table.sbs col.k{width:6rem}}
@media print{
@page{margin:1.5cm}
body{font-size:10.5pt;background:none;color:#000}
header.top,main{max-width:none;padding:0}
header.top{border:0}
.toolbar,.controls,.skip,.only-label{display:none!important}
details::details-content{display:block;content-visibility:visible}
details>summary{list-style:none}
details>summary::-webkit-details-marker{display:none}
.newpage{break-before:page}
h1,h2,h3,h4,h5,h6{break-after:avoid}
.st,tr,.member,.stats div{break-inside:avoid}
.badge{background:none!important;color:#000!important;border:1px solid #000!important}
pre,table.data thead th,table.sbs thead th,.tag.warn{background:none}
del,ins,tr.added td.new,tr.removed td.old{background:none;color:#000}
tr.unchanged td{color:#000}
a{color:#000}
a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em}
}
`

// Expand/collapse buttons (shown only when the script runs) and every
// <details> opened for printing, closed again afterwards.
const SCRIPT = `(()=>{const d=document,all=()=>d.querySelectorAll("details"),bar=d.getElementById("toolbar");if(bar){for(const[label,open]of[["Expand all",true],["Collapse all",false]]){const b=d.createElement("button");b.type="button";b.textContent=label;b.addEventListener("click",()=>{for(const x of all())x.open=open});bar.append(b)}bar.hidden=false}let opened=[];addEventListener("beforeprint",()=>{opened=[...all()].filter(x=>!x.open);for(const x of opened)x.open=true});addEventListener("afterprint",()=>{for(const x of opened)x.open=false;opened=[]})})()`

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** CSS rules giving each input's badge its color, and the "show only" filters. */
export function sourceCss(count: number): string {
  const rules: string[] = []
  for (let i = 0; i < count; i++) {
    const s = swatch(i)
    rules.push(`.s${i}{background:${s.background};color:${s.text}${s.repeat ? `;border:2px dashed ${s.text}` : ''}}`)
  }
  if (count > 0) {
    rules.push('body:has(.only:checked) .st{display:none}')
    for (let i = 0; i < count; i++) rules.push(`body:has(#only-${i}:checked) .st.f${i}{display:block}`)
  }
  return rules.join('\n') + '\n'
}

interface PageParts {
  title: string
  /** Rules added after the base stylesheet. */
  css?: string
  /** The page header's content (inside <header>). */
  header: string
  /** The main content (inside <main>). */
  main: string
  /** Where the skip link leads: an id in `main`. */
  skipTo?: string
}

/** The whole document. */
export function page(parts: PageParts): string {
  const css = BASE_CSS + (parts.css ?? '')
  const csp = `default-src 'none'; style-src ${hash(css)}; script-src ${hash(SCRIPT)}; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="agentmerge ${esc(VERSION)}">
<title>${esc(parts.title)}</title>
<style>${css}</style>
</head>
<body>
<a class="skip" href="#${esc(parts.skipTo ?? 'main')}">Skip to the content</a>
<header class="top">
${parts.header}
<div id="toolbar" class="toolbar" hidden></div>
</header>
<main id="main">
${parts.main}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}
