// mo.ui.dataframe's transforms in the page: the preview of their result over
// the rows shipped (the kernel computes `.value` the same way,
// kernel_py/mo/ui/widgets/_transforms.py) and the pandas / polars code that
// does the same, written as marimo writes it. Pure functions, no imports
// (tests/test_mo_data.py runs them under node against marimo's own code).

/** A cell's plain value: rich cells ({html, text}) count as their text. */
const plain = (v) => (v && typeof v === "object" ? v.text ?? "" : v);

export const OPERATORS = {
  number: ["==", "!=", "<", ">", "<=", ">=", "between", "in", "not_in", "is_null", "is_not_null"],
  boolean: ["is_true", "is_false", "is_null", "is_not_null"],
  string: ["equals", "does_not_equal", "contains", "regex", "starts_with", "ends_with", "in", "not_in", "is_empty", "is_null", "is_not_null"],
  date: ["==", "!=", "<", ">", "<=", ">=", "between", "is_null", "is_not_null"],
  datetime: ["==", "!=", "<", ">", "<=", ">=", "between", "is_null", "is_not_null"],
};
OPERATORS.unknown = OPERATORS.string;
export const NO_VALUE = new Set(["is_true", "is_false", "is_null", "is_not_null", "is_empty"]);
export const AGGREGATIONS = ["count", "sum", "mean", "median", "min", "max"];

const isNull = (v) => v == null || (typeof v === "number" && Number.isNaN(v));
const key = (v) => (typeof v === "number" ? [0, v] : [1, String(v)]);
const cmpKeys = (a, b) => (a[0] - b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

function test(cond, row) {
  if (cond.type === "group") {
    const results = cond.children.map((c) => test(c, row));
    const hit = results.length ? (cond.operator === "or" ? results.some(Boolean) : results.every(Boolean)) : true;
    return hit !== !!cond.negate;
  }
  const v = plain(row[cond.column_id]);
  const x = cond.value;
  const nul = isNull(v);
  const text = nul ? "" : String(v);
  let hit;
  switch (cond.operator) {
    case "==": case "equals": hit = !nul && v === x; break;
    case "!=": case "does_not_equal": hit = nul || v !== x; break;
    case "<": hit = !nul && v < x; break;
    case ">": hit = !nul && v > x; break;
    case "<=": hit = !nul && v <= x; break;
    case ">=": hit = !nul && v >= x; break;
    case "contains": hit = text.includes(String(x)); break;
    case "regex": try { hit = new RegExp(String(x)).test(text); } catch { hit = false; } break;
    case "starts_with": hit = text.startsWith(String(x)); break;
    case "ends_with": hit = text.endsWith(String(x)); break;
    case "in": hit = !nul && x.includes(v); break;
    case "not_in": hit = nul || !x.includes(v); break;
    case "is_null": hit = nul; break;
    case "is_not_null": hit = !nul; break;
    case "is_true": hit = v === true || v === 1; break;
    case "is_false": hit = v === false || v === 0; break;
    case "between": hit = !nul && v >= x.min && v <= x.max; break;
    default: hit = !nul && v === "";
  }
  if (cond.negate) hit = !hit && !(nul && ["contains", "regex", "starts_with", "ends_with"].includes(cond.operator));
  return hit;
}

function aggregate(values, how) {
  const present = values.map(plain).filter((v) => !isNull(v));
  if (how === "count") return present.length;
  if (how === "sum") return present.reduce((a, b) => a + b, 0);
  if (!present.length) return null;
  if (how === "mean") return present.reduce((a, b) => a + b, 0) / present.length;
  const sorted = [...present].sort((a, b) => cmpKeys(key(a), key(b)));
  if (how === "min") return sorted[0];
  if (how === "max") return sorted[sorted.length - 1];
  const mid = sorted.length >> 1; // median
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The columns after one transform. */
export function columnsAfter(t, cols) {
  switch (t.type) {
    case "select_columns": return t.column_ids.length ? t.column_ids : cols;
    case "rename_column": return cols.map((c) => (c === t.column_id ? t.new_column_id : c));
    case "group_by": {
      const keys = new Set(t.column_ids);
      const aggs = (t.aggregation_column_ids.length ? t.aggregation_column_ids : cols).filter((c) => !keys.has(c));
      return [...t.column_ids, ...aggs.map((c) => `${c}_${t.aggregation}`)];
    }
    case "aggregate": return t.aggregations.flatMap((a) => t.column_ids.map((c) => `${c}_${a}`));
    default: return cols;
  }
}

/** Apply transforms to rows (objects by column name): {columns, rows}. */
export function applyAll(transforms, columns, rows) {
  let cols = columns;
  for (const t of transforms) {
    const next = columnsAfter(t, cols);
    if (t.type === "filter_rows") {
      const keep = t.operation !== "remove_rows";
      rows = rows.filter((r) => test(t.where, r) === keep);
    } else if (t.type === "sort_column") {
      const c = t.column_id;
      const present = rows.filter((r) => !isNull(plain(r[c])));
      const nulls = rows.filter((r) => isNull(plain(r[c])));
      present.sort((a, b) => cmpKeys(key(plain(a[c])), key(plain(b[c]))) * (t.ascending ? 1 : -1));
      rows = t.na_position === "first" ? [...nulls, ...present] : [...present, ...nulls];
    } else if (t.type === "unique") {
      const keys = t.column_ids.length ? t.column_ids : cols;
      const seen = new Map();
      rows.forEach((r, i) => {
        const k = JSON.stringify(keys.map((c) => plain(r[c]) ?? null));
        if (!seen.has(k)) seen.set(k, []);
        seen.get(k).push(i);
      });
      const pick = [...seen.values()]
        .filter((ix) => t.keep !== "none" || ix.length === 1)
        .map((ix) => (t.keep === "last" ? ix[ix.length - 1] : ix[0]))
        .sort((a, b) => a - b);
      rows = pick.map((i) => rows[i]);
    } else if (t.type === "select_columns" || t.type === "rename_column") {
      rows = rows.map((r) => Object.fromEntries(next.map((c, j) => [c, r[t.type === "rename_column" ? cols[j] : c]])));
    } else if (t.type === "aggregate") {
      rows = [Object.fromEntries(t.aggregations.flatMap((a) => t.column_ids.map((c) => [`${c}_${a}`, aggregate(rows.map((r) => r[c]), a)])))];
    } else if (t.type === "group_by") {
      const groups = new Map();
      for (const r of rows) {
        const k = t.column_ids.map((c) => plain(r[c]) ?? null);
        if (t.drop_na && k.some(isNull)) continue;
        const id = JSON.stringify(k);
        if (!groups.has(id)) groups.set(id, { k, members: [] });
        groups.get(id).members.push(r);
      }
      const ordered = [...groups.values()].sort((a, b) => {
        for (let i = 0; i < a.k.length; i++) {
          const d = (isNull(a.k[i]) - isNull(b.k[i])) || cmpKeys(key(a.k[i]), key(b.k[i]));
          if (d) return d;
        }
        return 0;
      });
      const aggCols = next.slice(t.column_ids.length);
      rows = ordered.map(({ k, members }) => {
        const row = Object.fromEntries(t.column_ids.map((c, i) => [c, k[i]]));
        for (const a of aggCols) row[a] = aggregate(members.map((m) => m[a.slice(0, -t.aggregation.length - 1)]), t.aggregation);
        return row;
      });
    }
    cols = next;
  }
  return { columns: cols, rows };
}

// -- code, as marimo prints it ------------------------------------------------------

const lit = (v) => (typeof v === "string" ? JSON.stringify(v) : v === true ? "True" : v === false ? "False" : v == null ? "None" : String(v));
const list = (vs) => `[${vs.map(lit).join(", ")}]`;
// Python's repr of a tuple (marimo prints in/not_in values so)
const pyRepr = (v) => {
  if (typeof v !== "string") return lit(v);
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  return q + v.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`).replace(/\n/g, "\\n") + q;
};
const tuple = (vs) => (vs.length === 1 ? `(${pyRepr(vs[0])},)` : `(${vs.map(pyRepr).join(", ")})`);
const STRING_OPS = new Set(["contains", "regex", "starts_with", "ends_with"]);

// A filter condition as code: op -> [pandas, polars] template over the column
// expression C and the value V (a list for in/not_in, V1/V2 for between).
const WHERE = {
  "==": ["C == V", "C == V"],
  "!=": ["C != V", "C != V"],
  "<": ["C < V", "C < V"],
  ">": ["C > V", "C > V"],
  "<=": ["C <= V", "C <= V"],
  ">=": ["C >= V", "C >= V"],
  contains: ['C.fillna("").str.contains(V, regex=False)', 'C.fill_null("").str.contains(V, literal=True)'],
  regex: ['C.fillna("").str.contains(V, regex=True)', 'C.fill_null("").str.contains(V, literal=False)'],
  starts_with: ['C.fillna("").str.startswith(V)', 'C.fill_null("").str.starts_with(V)'],
  ends_with: ['C.fillna("").str.endswith(V)', 'C.fill_null("").str.ends_with(V)'],
  in: ["C.isin(V)", "C.is_in(V)"],
  not_in: ["~C.isin(V)", "~C.is_in(V)"],
  is_null: ["C.isna()", "C.is_null()"],
  is_not_null: ["C.notna()", "C.is_not_null()"],
  is_true: ["C.eq(True)", "C == True"],
  is_false: ["C.eq(False)", "C == False"],
  between: ["C.between(V1, V2)", "C.is_between(V1, V2)"],
  is_empty: ["(C == '')", '(C == "")'],
};
WHERE.equals = WHERE["=="];
WHERE.does_not_equal = WHERE["!="];

function where(polars, df, w) {
  const col = polars ? `pl.col(${lit(w.column_id)})` : `${df}[${lit(w.column_id)}]`;
  const v = w.value;
  const value = Array.isArray(v) ? tuple(v) : lit(v);
  const template = WHERE[w.operator][polars ? 1 : 0];
  let r = template.replace(/\bV1\b|\bV2\b|\bV\b|\bC\b/g, (m) =>
    m === "C" ? col : m === "V" ? value : lit(m === "V1" ? v?.min : v?.max),
  );
  if (w.negate) {
    r = `~(${r})`;
    if (STRING_OPS.has(w.operator)) r = `(${r} & ${col}.${polars ? "is_not_null" : "notna"}())`;
  }
  return r;
}

function pandasStep(df, cols, t) {
  switch (t.type) {
    case "rename_column": return `${df}.rename(columns={${lit(t.column_id)}: ${lit(t.new_column_id)}})`;
    case "sort_column": return `${df}.sort_values(by=${lit(t.column_id)}, ascending=${lit(t.ascending)}, na_position=${lit(t.na_position)})`;
    case "filter_rows": {
      const clauses = t.where.children.filter((c) => c.type !== "group").map((c) => where(false, df, c));
      if (!clauses.length) return df;
      if (t.operation === "keep_rows" && clauses.length === 1) return `${df}[${clauses[0]}]`;
      const e = clauses.map((c) => `(${c})`).join(" & ");
      return t.operation === "keep_rows" ? `${df}[${e}]` : `${df}[~(${e})]`;
    }
    case "aggregate": {
      const parts = t.aggregations.flatMap((a) => t.column_ids.map((c) => `${lit(`${c}_${a}`)}: [${df}[${lit(c)}].${a}()]`));
      return `pd.DataFrame({${parts.join(", ")}})`;
    }
    case "group_by": {
      const keys = new Set(t.column_ids);
      const aggs = (t.aggregation_column_ids.length ? t.aggregation_column_ids : cols).filter((c) => !keys.has(c));
      if (!aggs.length) return `${df}[${list(t.column_ids)}].drop_duplicates().reset_index(drop=True)`;
      const d = aggs.map((c) => `${lit(`${c}_${t.aggregation}`)} : (${lit(c)}, ${lit(t.aggregation)})`).join(", ");
      return `${df}.groupby(${list(t.column_ids)}, dropna=${lit(t.drop_na)}).agg(**{${d}}).reset_index()`;
    }
    case "select_columns":
      if (!t.column_ids.length) return df;
      return t.column_ids.length === 1 ? `${df}[${lit(t.column_ids[0])}]` : `${df}[${list(t.column_ids)}]`;
    case "unique": return `${df}.drop_duplicates(${list(t.column_ids)}, keep=${lit(t.keep)})`;
  }
  return df;
}

function polarsStep(df, cols, t) {
  switch (t.type) {
    case "rename_column": return `${df}.rename({${lit(t.column_id)}: ${lit(t.new_column_id)}})`;
    case "sort_column": return `${df}.sort(${lit(t.column_id)}, descending=${lit(!t.ascending)}, nulls_last=${lit(t.na_position === "last")})`;
    case "filter_rows": {
      const clauses = t.where.children.filter((c) => c.type !== "group").map((c) => where(true, df, c));
      if (!clauses.length) return df;
      if (t.operation === "keep_rows" && clauses.length === 1) return `${df}.filter(${clauses[0]})`;
      const e = clauses.map((c) => `(${c})`).join(" & ");
      return t.operation === "keep_rows" ? `${df}.filter(${e})` : `${df}.filter(~(${e}))`;
    }
    case "aggregate": {
      const parts = t.aggregations.flatMap((a) => t.column_ids.map((c) => `pl.col(${lit(c)}).${a}().alias(${lit(`${c}_${a}`)})`));
      return `${df}.select([${parts.join(", ")}])`;
    }
    case "group_by": {
      const keys = new Set(t.column_ids);
      const aggs = (t.aggregation_column_ids.length ? t.aggregation_column_ids : cols).filter((c) => !keys.has(c));
      const parts = aggs.map((c) => `pl.col(${lit(c)}).${t.aggregation}().alias(${lit(`${c}_${t.aggregation}`)})`);
      const keyCols = t.column_ids.map((c) => `pl.col(${lit(c)})`).join(", ");
      return `${df}.group_by([${keyCols}], maintain_order=True).agg([${parts.join(", ")}])`;
    }
    case "select_columns": return `${df}.select(${list(t.column_ids)})`;
    case "unique": return `${df}.unique(subset=${list(t.column_ids)}, keep=${lit(t.keep)})`;
  }
  return df;
}

/** The code doing `transforms` to the frame named `name`, in "pandas" or "polars". */
export function code(library, name, columns, transforms) {
  const step = library === "polars" ? polarsStep : pandasStep;
  const next = `${name}_next`;
  const lines = [library === "polars" ? "import polars as pl" : "import pandas as pd"];
  if (library === "python") lines.push(`${name} = pd.DataFrame(${name})`);
  lines.push(`${next} = ${name}`);
  let cols = columns;
  for (const t of transforms) {
    lines.push(`${next} = ${step(next, cols, t)}`);
    cols = columnsAfter(t, cols);
  }
  return lines.join("\n");
}
