// The catalogue of hostile and broken inputs: each with what a user should
// see. Shared by the bad-input tests of every command.

export interface BadInput {
  name: string
  /** File content; a function builds large inputs lazily. */
  content: () => Buffer | string
  /** Exit 2 with one line naming the file (and line), or accepted with warnings. */
  expect: { refused: true; message: RegExp; line?: number | string } | { refused: false; warning?: RegExp }
}

const repeat = (s: string, n: number) => s.repeat(n)

const aliasBomb = () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
  return `---\nname: bomb\n${levels.join('\n')}\n---\n\nBody.\n`
}

export const BAD_INPUTS: BadInput[] = [
  { name: 'empty file', content: () => '', expect: { refused: true, message: /empty file/ } },
  { name: 'frontmatter only', content: () => '---\nname: only\ndescription: just metadata\n---\n', expect: { refused: false } },
  { name: 'no frontmatter', content: () => '# Reviewer\n\n- Check tests\n', expect: { refused: false } },
  { name: 'unclosed frontmatter', content: () => '---\nname: x\ndescription: y\n\n# Body\n', expect: { refused: true, message: /frontmatter opened with '---' is never closed/, line: 1 } },
  { name: 'frontmatter not a mapping', content: () => '---\n- a\n- b\n---\nBody.\n', expect: { refused: true, message: /not a mapping/, line: 2 } },
  { name: 'malformed YAML', content: () => '---\nname: x\ntools: [Read, Write\n---\nBody.\n', expect: { refused: true, message: /invalid frontmatter YAML/ } },
  // The error names the line of the bad value and a column, not the frontmatter's first line.
  { name: 'malformed YAML further down', content: () => '---\nname: x\ndescription: ok\ntools: Read\nmodel: [a\n---\nBody.\n', expect: { refused: true, message: /invalid frontmatter YAML/, line: '5:9' } },
  { name: 'a value that opens as a YAML alias', content: () => '---\nname: x\ndescription: **Role**: plans things\n---\nBody.\n', expect: { refused: true, message: /invalid frontmatter YAML/, line: '3:24' } },
  { name: 'YAML alias bomb', content: aliasBomb, expect: { refused: true, message: /too many YAML aliases/ } },
  { name: 'a YAML alias with no anchor of its name', content: () => '---\nname: &a x\ndescription: *b\n---\nBody.\n', expect: { refused: true, message: /unknown YAML alias \*b: no anchor &b before it/, line: '3:14' } },
  { name: 'a YAML alias to another field where the frontmatter is read field by field', content: () => '---\nname: &n x\ndescription: Use when: y\nsummary: *n\n---\nBody.\n', expect: { refused: true, message: /YAML alias in frontmatter field 'summary' cannot be read: the frontmatter does not parse as a whole .*read field by field an alias cannot refer to another field/, line: '4:10' } },
  { name: 'a YAML alias before its anchor', content: () => '---\ndescription: *a\nname: &a x\n---\nBody.\n', expect: { refused: true, message: /unknown YAML alias \*a/, line: '2:14' } },
  { name: 'duplicate keys', content: () => '---\nname: a\nmodel: x\nname: b\n---\nBody.\n', expect: { refused: true, message: /duplicate frontmatter key 'name'/, line: 4 } },
  { name: '__proto__ and constructor keys', content: () => '---\nname: a\n__proto__: {polluted: true}\nconstructor: x\n---\n\n- item\n', expect: { refused: false } },
  { name: 'binary bytes', content: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), expect: { refused: true, message: /binary content/ } },
  { name: 'invalid UTF-8', content: () => Buffer.concat([Buffer.from('---\nname: a\n---\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]), expect: { refused: true, message: /invalid UTF-8 \(byte 0xe9\)/, line: 5 } },
  { name: 'UTF-16 with a BOM', content: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\nname: u16\n---\n\n- item\n', 'utf16le')]), expect: { refused: false, warning: /read as UTF-16LE/ } },
  { name: 'CRLF line endings', content: () => '---\r\nname: a\r\n---\r\n\r\n- one\r\n- two\r\n', expect: { refused: false } },
  { name: 'mixed line endings', content: () => '---\r\nname: a\n---\r\n\r\n- one\n- two\r\n', expect: { refused: false, warning: /mixed line endings/ } },
  { name: 'a 20 MB file', content: () => '---\nname: big\n---\n\n' + repeat('- a bullet that says something\n', 700_000), expect: { refused: true, message: /over the 1\.0 MiB limit \(raise it with --max-size\)/ } },
  { name: 'lists nested 10,000 deep', content: () => '---\nname: deep\n---\n\n' + repeat('- ', 10_000) + 'x\n', expect: { refused: true, message: /nested more than 100 deep/, line: 5 } },
  { name: 'quotes nested 10,000 deep', content: () => repeat('>', 10_000) + ' x\n', expect: { refused: true, message: /nested more than 100 deep/, line: 1 } },
  { name: 'a 1 MB single line', content: () => '---\nname: long\n---\n\n' + repeat('word ', 200_000) + '\n', expect: { refused: false } },
  { name: 'lenient frontmatter (unquoted ": ", literal \\n)', content: () => '---\nname: r\ndescription: Use when: the user asks.\\nExamples: none\n---\n\n- item\n', expect: { refused: false, warning: /not valid YAML .*read as plain text/ } },
  // YAML indents with spaces only: a list indented with tabs is not a list, and reading it as plain text would grant a bogus tool.
  { name: 'a tools list indented with tabs', content: () => '---\nname: x\ndescription: d\ntools:\n\t- Read\n\t- Bash\n---\n\nYou are x.\n', expect: { refused: true, message: /tab used for indentation in frontmatter field 'tools'/, line: '5:1' } },
  { name: 'a description continued on a tab-indented line', content: () => '---\nname: x\ndescription: Use when\n\tasked\n---\n\n- item\n', expect: { refused: true, message: /tab used for indentation in frontmatter field 'description'/, line: '4:1' } },
  { name: 'a list indented with spaces then a tab', content: () => '---\nname: x\ntools:\n \t- Read\n---\n\n- item\n', expect: { refused: true, message: /tab used for indentation in frontmatter field 'tools'/, line: '4:2' } },
  // Where YAML allows a tab: text of a quoted or block scalar, and separation after the spaces that indent a line.
  { name: 'tabs inside a quoted value and after indentation', content: () => '---\nname: x\ndescription: "Use\tit\n \twhen asked"\ntools:\n  -\tRead\n---\n\n- item\n', expect: { refused: false } },
  { name: 'tabs inside a block scalar', content: () => '---\nname: x\ndescription: |\n  Use it:\n  \tmake test\n\n\t\n---\n\n- item\n', expect: { refused: false } },
  { name: 'blank line after the opening fence', content: () => '---\n\nname: r\n---\n\n- item\n', expect: { refused: false } },
  // An unfinished git merge: both sides would be read as statements and written on.
  { name: 'git conflict markers', content: () => '---\nname: r\n---\n\n- one\n<<<<<<< HEAD\n- Keep answers short.\n=======\n- Keep answers long.\n>>>>>>> feature\n', expect: { refused: true, message: /unresolved merge conflict: git conflict markers from here to line 10/, line: 6 } },
  { name: 'git conflict markers with CRLF', content: () => '---\r\nname: r\r\n---\r\n\r\n<<<<<<<\r\n- a\r\n=======\r\n- b\r\n>>>>>>>\r\n', expect: { refused: true, message: /unresolved merge conflict/, line: 5 } },
  // The merge driver writes a conflict of a code block's lines inside the block: still a conflict.
  { name: 'git conflict markers inside a code block', content: () => '---\nname: r\n---\n\nRun:\n\n```bash\nnpm test\n<<<<<<< ours\nnpm run lint\n=======\nnpm run lint:all\n>>>>>>> theirs\n```\n', expect: { refused: true, message: /unresolved merge conflict/, line: 9 } },
  { name: 'conflict markers shown indented, as an example', content: () => '---\nname: r\n---\n\nA conflict looks like this:\n\n    <<<<<<< HEAD\n    ours\n    =======\n    theirs\n    >>>>>>> feature\n', expect: { refused: false } },
  { name: 'longer conflict markers (conflict-marker-size)', content: () => '---\nname: r\n---\n\n<<<<<<<<< ours\n- a\n=========\n- b\n>>>>>>>>> theirs\n', expect: { refused: true, message: /unresolved merge conflict/, line: 5 } },
  { name: 'closing fence of extra dashes', content: () => '---\nname: r\n-----\n\n- item\n', expect: { refused: false, warning: /frontmatter closed with "-----"/ } },
]
