// data-kind -> component. A component takes the widget's context
// {id, label, props, value, host, emit} and returns {node, setValue?, destroy?}.
import * as inputs from "./inputs.js";
import * as choices from "./choices.js";
import * as buttons from "./buttons.js";
import { file } from "./file.js";
import { table } from "./table.js";
import { altair_chart, plotly } from "./charts.js";
import { form, group, tabs } from "./containers.js";
import { date_range, datetime } from "./dates.js";
import { lazy } from "./lazy.js";
import { deferred } from "./deferred.js";
import { anywidget } from "./anywidget.js";

// rarely used: their code loads with the first one on a page
const matrix = deferred(() => import("./matrix.js").then((m) => m.matrix));
const chat = deferred(() => import("./chat.js").then((m) => m.chat));
const microphone = deferred(() => import("./microphone.js").then((m) => m.microphone));
const file_browser = deferred(() => import("./file_browser.js").then((m) => m.file_browser));
const matplotlib = deferred(() => import("./mpl.js").then((m) => m.matplotlib));
const dataframe = deferred(() => import("./dataframe.js").then((m) => m.dataframe));
const data_editor = deferred(() => import("./data_editor.js").then((m) => m.data_editor));
const data_explorer = deferred(() => import("./data_explorer.js").then((m) => m.data_explorer));

export const components = {
  slider: inputs.slider,
  range_slider: inputs.range_slider,
  number: inputs.number,
  text: inputs.text,
  text_area: inputs.text_area,
  code_editor: inputs.code_editor,
  checkbox: inputs.checkbox,
  switch: inputs.switch_,
  date: inputs.date,
  radio: choices.radio,
  dropdown: choices.dropdown,
  multiselect: choices.multiselect,
  button: buttons.button,
  run_button: buttons.run_button,
  refresh: buttons.refresh,
  file,
  table,
  altair_chart,
  plotly,
  form,
  array: group,
  dictionary: group,
  batch: group,
  tabs,
  dataframe,
  data_editor,
  data_explorer,
  date_range,
  datetime,
  matrix,
  chat,
  microphone,
  file_browser,
  matplotlib,
  panel: group,
  lazy,
  anywidget,
};

/** Kinds whose children are other widgets: never adopted across re-renders. */
export const CONTAINERS = new Set(["form", "array", "dictionary", "batch", "tabs"]);
