// Widget styles, injected once by defineWidgets() (uses the page's CSS
// variables when present).
export const STYLE = `
rv-ui { display: inline-block; vertical-align: middle; max-width: 100%; }
rv-ui.rv-ui-full, rv-ui.rv-ui-form, rv-ui.rv-ui-table, rv-ui.rv-ui-tabs,
rv-ui.rv-ui-array, rv-ui.rv-ui-dictionary, rv-ui.rv-ui-batch, rv-ui.rv-ui-text_area,
rv-ui.rv-ui-code_editor, rv-ui.rv-ui-altair_chart, rv-ui.rv-ui-plotly { display: block; }
.rv-ui-chart { max-width: 100%; overflow-x: auto; }
.rv-ui-cell-rich img { max-height: 6em; vertical-align: middle; }
.rv-ui-field { display: inline-flex; align-items: center; gap: .5em; flex-wrap: wrap; }
.rv-ui-full .rv-ui-field, .rv-ui-full input, .rv-ui-full select, .rv-ui-full textarea { width: 100%; }
.rv-ui-label { font-weight: 500; }
.rv-ui-value { font-variant-numeric: tabular-nums; min-width: 2.5em; }
.rv-ui input[type=range] { width: 12em; accent-color: var(--accent, #3b6fd8); touch-action: none; }
.rv-ui input[type=text], .rv-ui input[type=number], .rv-ui input[type=password],
.rv-ui input[type=email], .rv-ui input[type=url], .rv-ui input[type=date], .rv-ui select, .rv-ui textarea {
  font: inherit; padding: .25em .45em; border: 1px solid var(--border, #c8cdd4); border-radius: 6px;
  background: var(--bg, #fff); color: inherit; }
.rv-ui textarea { width: 100%; box-sizing: border-box; }
.rv-ui-code { font-family: var(--mono, ui-monospace, monospace); font-size: .9em; tab-size: 4; }
.rv-ui-check { display: inline-flex; align-items: center; gap: .35em; margin-right: .8em; }
.rv-ui input[role=switch] { appearance: none; width: 2.2em; height: 1.2em; border-radius: 1em;
  background: var(--border, #c8cdd4); position: relative; cursor: pointer; transition: background .15s; margin: 0; }
.rv-ui input[role=switch]::after { content: ""; position: absolute; top: .15em; left: .15em; width: .9em; height: .9em;
  border-radius: 50%; background: #fff; transition: left .15s; }
.rv-ui input[role=switch]:checked { background: var(--accent, #3b6fd8); }
.rv-ui input[role=switch]:checked::after { left: 1.15em; }
.rv-ui fieldset.rv-ui-radio { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: .2em; }
.rv-ui fieldset.rv-ui-inline { flex-direction: row; }
.rv-ui fieldset legend { font-weight: 500; padding: 0; margin-bottom: .2em; }
.rv-ui-button { font: inherit; padding: .3em .9em; border-radius: 6px; border: 1px solid var(--border, #c8cdd4);
  background: var(--bg, #fff); color: inherit; cursor: pointer; }
.rv-ui-button:hover { filter: brightness(.96); }
.rv-ui-kind-success { background: #2f9e58; border-color: #2f9e58; color: #fff; }
.rv-ui-kind-warn { background: #e8a317; border-color: #e8a317; color: #222; }
.rv-ui-kind-danger { background: #d64545; border-color: #d64545; color: #fff; }
.rv-ui :focus-visible { outline: 2px solid var(--accent, #3b6fd8); outline-offset: 2px; }
.rv-ui-drop { border: 2px dashed var(--border, #c8cdd4); border-radius: 8px; padding: 1.2em; text-align: center; cursor: pointer; }
.rv-ui-drop[data-over] { border-color: var(--accent, #3b6fd8); }
.rv-ui-files { margin-left: .5em; opacity: .8; }
.rv-ui-scroll { overflow-x: auto; }
.rv-ui-table { border-collapse: collapse; font-size: .92em; }
.rv-ui-table caption { text-align: left; font-weight: 500; padding-bottom: .3em; }
.rv-ui-table th, .rv-ui-table td { border-bottom: 1px solid var(--border, #e3e6ea); padding: .3em .6em; text-align: left; }
.rv-ui-table tr[aria-selected=true] td { background: color-mix(in srgb, var(--accent, #3b6fd8) 12%, transparent); }
.rv-ui-table td[aria-selected=true] { background: color-mix(in srgb, var(--accent, #3b6fd8) 18%, transparent); }
.rv-ui-table td[role=gridcell] { cursor: pointer; }
.rv-ui-sort { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort=ascending] .rv-ui-sort::after { content: " ▲"; }
th[aria-sort=descending] .rv-ui-sort::after { content: " ▼"; }
.rv-ui-pager { display: flex; gap: .6em; align-items: center; margin-top: .4em; }
.rv-ui-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.rv-ui-form { display: flex; flex-direction: column; gap: .6em; }
.rv-ui-bordered { border: 1px solid var(--border, #c8cdd4); border-radius: 8px; padding: .8em; }
.rv-ui-form-actions { display: flex; gap: .5em; justify-content: flex-end; }
.rv-ui-item, .rv-ui-entry { margin: .25em 0; }
.rv-ui-key { display: inline-block; min-width: 6em; margin-right: .5em; }
[role=tablist] { display: flex; gap: .2em; border-bottom: 1px solid var(--border, #c8cdd4); margin-bottom: .5em; }
[role=tab] { font: inherit; background: none; border: 0; border-bottom: 2px solid transparent; padding: .35em .8em; cursor: pointer; color: inherit; }
[role=tab][aria-selected=true] { border-bottom-color: var(--accent, #3b6fd8); font-weight: 600; }
.rv-ui input[type=datetime-local] { font: inherit; padding: .25em .45em; border: 1px solid var(--border, #c8cdd4); border-radius: 6px; }
.rv-ui-matrix { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.rv-ui-matrix td { padding: .1em .2em; }
.rv-ui-matrix-entry { display: inline-block; min-width: 3em; text-align: right; padding: .15em .4em; border-radius: 4px;
  background: color-mix(in srgb, var(--accent, #3b6fd8) 8%, transparent); cursor: ew-resize; user-select: none; touch-action: none; }
.rv-ui-matrix-entry[aria-disabled=true] { cursor: default; opacity: .6; }
.rv-ui-matrix-input { width: 5em; font: inherit; }
rv-ui.rv-ui-chat, rv-ui.rv-ui-file_browser, rv-ui.rv-ui-panel { display: block; }
.rv-ui-chatbox { border: 1px solid var(--border, #c8cdd4); border-radius: 8px; padding: .6em; display: flex; flex-direction: column; gap: .5em; }
.rv-ui-chat-log { overflow-y: auto; max-height: 24em; display: flex; flex-direction: column; gap: .4em; }
.rv-ui-chat-msg { padding: .35em .6em; border-radius: 6px; background: color-mix(in srgb, var(--border, #c8cdd4) 25%, transparent); }
.rv-ui-chat-user { align-self: flex-end; background: color-mix(in srgb, var(--accent, #3b6fd8) 14%, transparent); }
.rv-ui-chat-body { white-space: pre-wrap; }
.rv-ui-chat-error { color: #b42318; }
.rv-ui-chat-input { display: flex; gap: .4em; align-items: flex-end; }
.rv-ui-chat-input textarea { flex: 1; }
.rv-ui-chat-prompts { display: flex; gap: .4em; flex-wrap: wrap; }
.rv-ui-mic-message[role=alert] { color: #b42318; }
.rv-ui-fb { border: 1px solid var(--border, #c8cdd4); border-radius: 8px; padding: .5em; }
.rv-ui-fb-bar { display: flex; gap: .6em; align-items: center; }
.rv-ui-fb-path { font-family: var(--mono, ui-monospace, monospace); font-size: .9em; }
.rv-ui-fb-list { list-style: none; margin: .4em 0; padding: 0; max-height: 18em; overflow-y: auto; }
.rv-ui-fb-entry { display: flex; gap: .4em; align-items: center; padding: .1em 0; }
.rv-ui .rv-ui-fb-open { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: var(--accent, #3b6fd8); }
.rv-ui .rv-ui-fb-open:hover { text-decoration: underline; }
.rv-ui-fb-note { opacity: .7; }
.rv-ui-fb-pad { display: inline-block; width: 13px; margin: 3px 3px 3px 4px; }
.rv-ui-mpl { position: relative; display: inline-block; max-width: 100%; cursor: crosshair; touch-action: none; user-select: none; }
.rv-ui-mpl img { display: block; max-width: 100%; height: auto; }
.rv-ui-mpl-box { position: absolute; border: 1px solid var(--accent, #3b6fd8); background: color-mix(in srgb, var(--accent, #3b6fd8) 15%, transparent); pointer-events: none; }
.rv-ui-tabs-vertical { display: flex; gap: .8em; }
.rv-ui-tabs-vertical [role=tablist] { flex-direction: column; border-bottom: 0; border-right: 1px solid var(--border, #c8cdd4); margin: 0; }
.rv-ui-tabs-vertical [role=tab] { border-bottom: 0; border-right: 2px solid transparent; text-align: left; }
.rv-ui-tabs-vertical [role=tab][aria-selected=true] { border-right-color: var(--accent, #3b6fd8); }
.rv-ui-tabs-panels { flex: 1; min-width: 0; }
.rv-ui-note { padding: .5em .8em; border-left: 3px solid #e8a317; background: color-mix(in srgb, #e8a317 10%, transparent); }
`;
