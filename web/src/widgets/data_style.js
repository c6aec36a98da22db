// Styles of the data widgets (table tools, dataframe, data_editor,
// data_explorer), appended to STYLE by defineWidgets().
export const DATA_STYLE = `
rv-ui.rv-ui-dataframe, rv-ui.rv-ui-data_editor, rv-ui.rv-ui-data_explorer { display: block; }
.rv-ui-table-tools { display: flex; gap: .4em; flex-wrap: wrap; align-items: center; margin-bottom: .4em; }
.rv-ui-table-tools:empty { display: none; }
.rv-ui-table-tools .rv-ui-button { font-size: .85em; padding: .2em .6em; }
.rv-ui-table-tools .rv-ui-button[aria-pressed=true] { border-color: var(--accent, #3b6fd8); }
.rv-ui input[type=search] { font: inherit; padding: .25em .45em; border: 1px solid var(--border, #c8cdd4); border-radius: 6px; background: var(--bg, #fff); color: inherit; }
.rv-ui-filter { width: 100%; min-width: 5em; box-sizing: border-box; font-size: .85em; }
.rv-ui-type { opacity: .55; font-size: .8em; margin-left: .35em; font-weight: 400; }
.rv-ui-summary { font-size: .8em; opacity: .75; min-width: 7em; }
.rv-ui-table th { white-space: nowrap; }
.rv-ui-df-steps { display: flex; flex-direction: column; gap: .4em; margin-bottom: .4em; }
.rv-ui-df-step { display: flex; flex-wrap: wrap; gap: .5em; align-items: end; border: 1px solid var(--border, #c8cdd4); border-radius: 8px; padding: .4em .6em; margin: 0; }
.rv-ui-df-step[data-incomplete] { border-style: dashed; }
.rv-ui-df-step legend { font-weight: 600; font-size: .9em; padding: 0 .3em; }
.rv-ui-df-field { display: inline-flex; flex-direction: column; gap: .15em; font-size: .85em; }
.rv-ui-df-field select[multiple] { min-height: 4.5em; }
.rv-ui-df-add { margin-bottom: .5em; }
.rv-ui-df-code { white-space: pre-wrap; background: color-mix(in srgb, var(--border, #c8cdd4) 25%, transparent); padding: .6em; border-radius: 6px; }
.rv-ui-editor input[type=text] { width: 8em; }
.rv-ui-editor input[aria-invalid=true] { border-color: #d64545; }
.rv-ui-explorer-controls { display: flex; flex-wrap: wrap; gap: .5em; margin-bottom: .5em; }
.rv-ui-explorer .rv-ui-chart-draw { width: 100%; min-width: 320px; }
`;
