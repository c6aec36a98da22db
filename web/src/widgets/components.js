// data-kind -> component. A component takes the widget's context
// {id, label, props, value, host, emit} and returns {node, setValue?, destroy?}.
import * as inputs from "./inputs.js";
import * as choices from "./choices.js";
import * as buttons from "./buttons.js";
import { file } from "./file.js";
import { table } from "./table.js";
import { altair_chart, plotly } from "./charts.js";
import { form, group, tabs } from "./containers.js";
import { lazyComponent } from "./load_on_use.js";
import { date_range, datetime } from "./dates.js";
import { matrix } from "./matrix.js";
import { chat } from "./chat.js";
import { microphone } from "./microphone.js";
import { file_browser } from "./file_browser.js";
import { matplotlib } from "./mpl.js";
import { lazy } from "./lazy.js";

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
  dataframe: lazyComponent(() => import("./dataframe.js"), "dataframe"),
  data_editor: lazyComponent(() => import("./data_editor.js"), "data_editor"),
  data_explorer: lazyComponent(() => import("./data_explorer.js"), "data_explorer"),
  date_range,
  datetime,
  matrix,
  chat,
  microphone,
  file_browser,
  matplotlib,
  panel: group,
  lazy,
};

/** Kinds whose children are other widgets: never adopted across re-renders. */
export const CONTAINERS = new Set(["form", "array", "dictionary", "batch", "tabs"]);
