/** Fenced blocks in these languages hold commands; others (dotenv, xml, text, json …) hold content. */
const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console', 'bat', 'cmd', 'powershell', 'ps1']);

/** Inline code in prose that starts with one of these is a command, e.g. `npm run qwc -- --company <id>`. */
const INLINE_COMMAND = /^(npm|npx|node|bash|docker|nssm)\s/;

export interface ReadmeCommand {
  /** One command as written; `a && b` is split in two, since each half is exercised on its own. */
  readonly command: string;
  readonly line: number;
}

/**
 * Every command a reader may copy from a README: each line of a shell fence (comments dropped, `\` continuations
 * joined) and each inline code span that starts with a command name. Pure.
 */
export function extractReadmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const found: ReadmeCommand[] = [];
  const prose: string[] = [];
  let fence: { lang: string } | undefined;
  let pending = '';
  lines.forEach((raw, i) => {
    const open = /^\s*```(\S*)/.exec(raw);
    if (fence === undefined && open) {
      fence = { lang: (open[1] ?? '').toLowerCase() };
      prose.push('');
      return;
    }
    if (fence !== undefined && /^\s*```\s*$/.test(raw)) {
      fence = undefined;
      prose.push('');
      return;
    }
    if (fence === undefined) {
      prose.push(raw);
      return;
    }
    prose.push('');
    if (!SHELL_FENCES.has(fence.lang)) return;
    const text = raw
      .replace(/^\s*\$ /, '')
      .replace(/\s+#.*$/, '')
      .trim();
    if (text === '' || text.startsWith('#') || /^rem\s/i.test(text)) return;
    if (text.endsWith('\\')) {
      pending += `${text.slice(0, -1).trim()} `;
      return;
    }
    found.push(...split(pending + text, i + 1));
    pending = '';
  });
  // Inline spans may wrap across lines in prose.
  const text = prose.join('\n');
  for (const m of text.matchAll(/`([^`]+)`/g)) {
    const span = (m[1] ?? '').replace(/\s*\n\s*/g, ' ').trim();
    if (!INLINE_COMMAND.test(span)) continue;
    const line = text.slice(0, m.index).split('\n').length;
    found.push(...split(span, line));
  }
  return found;
}

function split(command: string, line: number): ReadmeCommand[] {
  return command
    .split(/\s&&\s/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => ({ command: c, line }));
}
