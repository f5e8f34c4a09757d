const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML element's content or a quoted attribute: every value a page interpolates goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** The frame every Glint page shares: no inline script or style, so the pages' strict policy holds. */
export function htmlDocument(page: { title: string; body: string; script?: string }): string {
  const script = page.script ? `\n<script src="${escapeHtml(page.script)}" defer></script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="/assets/glint.css">${script}
</head>
<body>
${page.body}
</body>
</html>
`;
}
