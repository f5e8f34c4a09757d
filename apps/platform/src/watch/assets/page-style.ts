/** The pages' one stylesheet, served at /assets/glint.css (the policy allows no inline style). */
export const PAGE_STYLE = `:root { color-scheme: dark; font-family: system-ui, sans-serif; background: #0e0e12; color: #ececf1; }
body { margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
a { color: #9bb7ff; }
video { width: 100%; aspect-ratio: 16 / 9; background: #000; border-radius: 6px; }
h1 { font-size: 1.4rem; margin: 12px 0 4px; overflow-wrap: anywhere; }
.live-state { font-weight: 600; }
[data-live="true"] .live-state { color: #ff4d5e; }
#notice:empty { display: none; }
.chat ol { list-style: none; margin: 12px 0 0; padding: 8px; max-height: 320px; overflow-y: auto; background: #16161c; border-radius: 6px; }
.chat li { padding: 2px 0; overflow-wrap: anywhere; }
form { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 12px; }
label { display: flex; flex-direction: column; gap: 4px; }
input { padding: 6px 8px; border-radius: 4px; border: 1px solid #444; background: #1b1b22; color: inherit; }
button { padding: 7px 14px; border-radius: 4px; border: 0; background: #5b6cff; color: #fff; cursor: pointer; }
button:disabled { background: #3a3a44; cursor: default; }
`;
