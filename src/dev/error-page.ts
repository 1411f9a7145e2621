/**
 * The page `kiln dev` answers when a page cannot be rendered at all (the first load of a broken
 * page): the error with its file, route and message, and a module script on Vite's HMR channel
 * that reloads the page when any file changes, so fixing the error recovers without a restart.
 * Payload requests (client navigation, HMR refetch) get the same data as JSON instead, which the
 * browser's dev overlay shows (src/client/dev-overlay.ts).
 */
import type { DevErrorBody, DevErrorInfo } from '../render/dev-error.ts';

export function errorPageHtml(info: DevErrorInfo): string {
  const where = [info.file && `file ${info.file}`, info.route && `route ${info.route}`, `path ${info.pathname}`].filter(Boolean).join(' · ');
  const sections = [
    `<h1>${escapeHtml(info.code)}</h1>`,
    `<p class="where">${escapeHtml(where)}</p>`,
    `<pre class="message">${escapeHtml(info.message)}</pre>`,
    info.frame ? `<pre class="frame">${escapeHtml(info.frame)}</pre>` : '',
    info.stack ? `<details open><summary>Stack</summary><pre class="stack">${escapeHtml(info.stack)}</pre></details>` : '',
    '<p class="note">This page reloads when you save a file.</p>',
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error: ${escapeHtml(info.route ?? info.pathname)} · kiln dev</title>
<style>${STYLE}</style>
</head>
<body>
<main id="kiln-dev-error" data-code="${escapeHtml(info.code)}">
${sections.filter(Boolean).join('\n')}
</main>
<script type="module">
import { createHotContext } from '/@vite/client';
const hot = createHotContext('/@kiln/dev-error-page');
for (const event of ['rsc:update', 'kiln:update']) hot.on(event, () => location.reload());
</script>
</body>
</html>
`;
}

export function errorJson(info: DevErrorInfo): string {
  const body: DevErrorBody = { kilnDevError: info };
  return JSON.stringify(body);
}

const STYLE = `
body{margin:0;background:#181818;color:#eee;font:14px/1.5 ui-sans-serif,system-ui,sans-serif}
main{max-width:960px;margin:0 auto;padding:32px 24px}
h1{margin:0 0 4px;color:#ff6b6b;font-size:20px}
.where{margin:0 0 16px;color:#aaa;font-family:ui-monospace,monospace}
pre{white-space:pre-wrap;word-break:break-word;padding:12px 16px;border-radius:6px;background:#222;font:13px/1.5 ui-monospace,monospace}
.message{color:#ffd0d0}
.stack,.note{color:#999}
`;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
