"""The tables a ``mo.sql`` query reads, table-driven against marimo's own
``find_sql_refs`` (sqlglot, marimo's ``sql`` extra) run on the same queries:
kernel_py/core/sql_tables.py's reader (the browser's way: Pyodide has no
sqlglot) and the sqlglot path of sql_refs.py must both find what marimo finds.
Names compare lower-cased and dotted, as marimo reports them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernel_py.core.analysis import analyze
from kernel_py.core.sql_refs import _sqlglot_tables, table_names
from kernel_py.core.sql_tables import read_tables

QUERIES = [
    'SELECT * FROM df',
    'SELECT * FROM a, b',
    'SELECT * FROM a AS x, b y WHERE x.id = y.id',
    'SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id)',
    'SELECT * FROM a NATURAL JOIN b CROSS JOIN c',
    'WITH c AS (SELECT * FROM a) SELECT * FROM c JOIN b ON c.x = b.x',
    'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t',
    'WITH x AS (SELECT * FROM a), y AS (SELECT * FROM x) SELECT * FROM y, b',
    'SELECT * FROM (SELECT * FROM inner_t) sub',
    'SELECT (SELECT max(x) FROM q) FROM r WHERE y IN (SELECT y FROM z) AND EXISTS (SELECT 1 FROM w)',
    'SELECT * FROM "df"',
    'SELECT * FROM "My Table"',
    'SELECT * FROM MyDF',
    'SELECT * FROM s.t',
    'SELECT * FROM cat.s.t',
    "SELECT * FROM 'data.csv'",
    "SELECT * FROM read_csv('x.csv')",
    "SELECT * FROM read_parquet('s3://bucket/x.parquet')",
    'SELECT extract(year FROM d) FROM events',
    "SELECT trim(both 'x' FROM name) FROM people",
    'SELECT substring(s FROM 2 FOR 3) FROM words',
    'SELECT * FROM a -- FROM commented\nJOIN b ON true',
    'SELECT * FROM a /* JOIN hidden */ , b',
    "SELECT 'FROM fake' AS s FROM real_t",
    'FROM df SELECT x',
    'FROM df',
    'SELECT * FROM a UNION SELECT * FROM b EXCEPT SELECT * FROM c',
    'SELECT * FROM (SELECT * FROM (SELECT * FROM deep) d1) d2',
    'SELECT * FROM (a JOIN b ON a.x = b.x)',
    'SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.x = a.x) l',
    'SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) s, a',
    'WITH a AS (SELECT * FROM a) SELECT * FROM a',
    'SELECT * FROM df WHERE x > 1 GROUP BY y HAVING count(*) > 1 ORDER BY y LIMIT 3',
    'SELECT * FROM df1; SELECT * FROM df2',
    'INSERT INTO t SELECT * FROM src',
    'INSERT INTO t (a, b) VALUES (1, 2)',
    'UPDATE t SET x = 1 FROM other WHERE t.id = other.id',
    'DELETE FROM t WHERE id IN (SELECT id FROM gone)',
    'CREATE TABLE made AS SELECT * FROM src',
    'CREATE OR REPLACE VIEW v AS SELECT * FROM src JOIN other ON true',
    'DESCRIBE df',
    'SUMMARIZE df',
    'SELECT * FROM df AS "weird alias"',
    'SELECT * FROM df_1 t1 INNER JOIN df_2 t2 ON t1.a = t2.a FULL OUTER JOIN df_3 ON true',
    'SELECT a.* FROM a ASOF JOIN b ON a.t >= b.t',
    'SELECT * FROM df POSITIONAL JOIN df2',
    'SELECT * FROM range(10)',
    'SELECT * FROM generate_series(1, 3) AS g(n)',
    'SELECT x FROM (VALUES (1), (2)) v(x)',
    'SELECT * FROM df QUALIFY row_number() OVER (PARTITION BY g ORDER BY t) = 1',
    'SELECT * FROM df WINDOW w AS (PARTITION BY g)',
    'SELECT count(*) FILTER (WHERE x > 1) FROM df',
    'SELECT CASE WHEN x THEN 1 END FROM df',
    'SELECT * FROM df TABLESAMPLE 10%',
    'SELECT * FROM df USING SAMPLE 10',
    'PIVOT df ON year USING sum(x)',
    'SELECT * FROM select_t',
    'SELECT * FROM "select"',
    "SELECT * FROM df WHERE name = 'it''s FROM here'",
    'SELECT * FROM t1 JOIN (SELECT * FROM t2) s ON true',
    'SELECT * FROM a WHERE x = (SELECT 1 FROM b) UNION ALL (SELECT * FROM c)',
    'SELECT * FROM df WHERE x > $1',
    "COPY df TO 'out.csv'",
    'SELECT * FROM',
    'not even sql FROM',
    'SELECT * FROM a WHERE b.x > 1',
    'SELECT * FROM a JOIN LATERAL (SELECT * FROM b) l ON true',
    'SELECT * FROM a AS t(x, y)',
    'SELECT 1',
    'VALUES (1)',
    'SELECT * FROM df ORDER BY x DESC NULLS LAST',
    'SELECT * FROM df, (SELECT 1) s',
    'SELECT * FROM a LEFT ANTI JOIN b USING (k)',
    'SELECT * FROM a SEMI JOIN b USING (k)',
    'SELECT * FROM df1 UNION BY NAME SELECT * FROM df2',
    'SELECT * EXCLUDE (x) FROM df',
    'SELECT * REPLACE (x + 1 AS x) FROM df',
    'SELECT list_transform([1], x -> x + 1) FROM df',
    'SELECT df.x FROM df',
    'SELECT * FROM "schema"."table"',
    'SELECT * FROM memory.main.df',
    'WITH a AS MATERIALIZED (SELECT * FROM src) SELECT * FROM a',
    'SELECT * FROM a JOIN b ON a.x IN (SELECT x FROM c)',
    'SELECT * FROM t WHERE EXISTS(SELECT * FROM u WHERE u.id = t.id)',
    'CREATE TABLE t2 AS SELECT * FROM t1; SELECT * FROM t2',
    'INSERT INTO t BY NAME SELECT * FROM s',
    'SELECT * FROM df LIMIT 10 OFFSET 5',
    'SELECT x FROM df GROUP BY ALL',
    "SELECT * FROM read_csv_auto('a.csv') JOIN df USING (k)",
    'SELECT * FROM df WHERE x BETWEEN 1 AND 2',
    'SELECT CAST(x AS int) FROM df',
    'SELECT x::int FROM df',
    'SELECT $$FROM fake$$ AS s FROM df',
    'SELECT * FROM (SELECT * FROM a) JOIN (SELECT * FROM b) USING (k)',
    'SELECT * FROM a x JOIN b y ON x.k = y.k, c z',
    'SELECT * FROM df d WHERE d.x IN (1, 2)',
    'SELECT a.x, (SELECT count(*) FROM b WHERE b.k = a.k) AS n FROM a',
    'WITH t AS (SELECT 1) SELECT * FROM t, (WITH u AS (SELECT * FROM t) SELECT * FROM u) q',
    'SELECT * FROM ((SELECT * FROM a))',
    'SELECT * FROM data_csv',
    "SELECT * FROM 'https://example.com/x.parquet'",
    "SELECT * FROM df WHERE x = 'a' -- trailing",
    '/* lead */ SELECT * FROM df',
    'SELECT * FROM df_a INNER JOIN df_b ON df_a.k = df_b.k WHERE df_a.v > (SELECT avg(v) FROM df_c)',
    'SELECT * FROM df AS alias_name',
    'SELECT * FROM df alias_name WHERE true',
    'SELECT * FROM df TABLESAMPLE 10% JOIN other ON true',
    "SELECT * FROM ducks WHERE name ILIKE '%from%'",
    'SELECT * FROM tbl1 t1, tbl2 AS t2, LATERAL unnest(t2.xs) u(x)',
    'DELETE FROM t USING other WHERE t.id = other.id',
    'CREATE VIEW v AS WITH c AS (SELECT * FROM base) SELECT * FROM c',
    'SELECT * FROM t WHERE x IN (SELECT * FROM (VALUES (1)) v(x))',
    'SHOW TABLES',
    'SELECT * FROM information_schema.tables',
    'SELECT a FROM b WHERE c = 1 UNION (SELECT a FROM d ORDER BY a LIMIT 1)',
]

# marimo's sqlglot scopes list only the sources a query selects from: the
# right side of a SEMI or ANTI join is read all the same (a change to it
# changes the result), so both of Rivulet's ways count it. And a table that an
# earlier statement of the same query created is no ref: marimo drops it too,
# after find_sql_refs (its cell analysis sees the CREATE as a def).
DIVERGES = {
    "CREATE TABLE t2 AS SELECT * FROM t1; SELECT * FROM t2": ["t1"],
    "SELECT * FROM a LEFT ANTI JOIN b USING (k)": ["a", "b"],
    "SELECT * FROM a SEMI JOIN b USING (k)": ["a", "b"],
}

_ORACLE = """
import json, sys
from marimo._ast.sql_visitor import find_sql_refs
print(json.dumps([sorted(r.qualified_name for r in find_sql_refs(q)) for q in json.load(sys.stdin)]))
"""


@pytest.fixture(scope="module")
def marimo_refs() -> dict[str, list[str]]:
    pytest.importorskip("sqlglot")  # marimo finds no SQL refs at all without it
    done = subprocess.run([sys.executable, "-c", _ORACLE], input=json.dumps(QUERIES),
                          capture_output=True, text=True, timeout=120, check=True)
    return {**dict(zip(QUERIES, json.loads(done.stdout))), **DIVERGES}


def dotted(tables: set[tuple[str, ...]] | None) -> list[str]:
    assert tables is not None
    return sorted({".".join(parts).lower() for parts in tables})


@pytest.mark.parametrize("query", QUERIES)
def test_the_reader_finds_the_tables_marimo_finds(query, marimo_refs):
    assert dotted(read_tables(query)) == marimo_refs[query]


@pytest.mark.parametrize("query", QUERIES)
def test_sqlglot_finds_the_tables_marimo_finds(query, marimo_refs):
    found = _sqlglot_tables(query)
    if found is None:  # sqlglot cannot parse it: the reader answers
        assert marimo_refs[query] == [] and table_names(query) == frozenset()
    else:
        assert dotted(found) == marimo_refs[query]


@pytest.mark.parametrize(
    "code, refs",
    [
        ('_df = mo.sql(f"""SELECT * FROM a, b WHERE a.k = b.k""")', {"mo", "a", "b"}),
        ("mo.sql('WITH c AS (SELECT * FROM a) SELECT * FROM c, b')", {"mo", "a", "b"}),
        ("mo.sql('SELECT * FROM (SELECT * FROM inner_df) s')", {"mo", "inner_df"}),
        ('mo.sql(\'SELECT * FROM "quoted_df" JOIN "Has Space" ON true\')', {"mo", "quoted_df"}),
        ("mo.sql('SELECT * FROM MyFrame')", {"mo", "MyFrame"}),  # as written: Python names have a case
        ("mo.sql('SELECT extract(year FROM d) FROM events')", {"mo", "events"}),
        ("mo.sql('CREATE TABLE t2 AS SELECT * FROM t1; SELECT * FROM t2')", {"mo", "t1"}),
        ('mo.sql(f"SELECT * FROM {table} t, other WHERE t.x > {limit}")', {"mo", "table", "other", "limit"}),
        ('import duckdb\nr = duckdb.execute("SELECT * FROM df, other")', {"df", "other"}),  # as marimo
        ('r = duckdb.sql("SELECT * FROM df")', {"duckdb", "df"}),
    ],
)
def test_a_sql_cells_refs_are_the_plain_names_of_its_tables(code, refs):
    assert set(analyze(code).refs) == refs


def test_without_sqlglot_the_reader_gives_the_same_refs(monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlglot", None)  # import sqlglot raises ImportError
    table_names.cache_clear()
    try:
        assert _sqlglot_tables("SELECT 1") is None
        assert table_names('WITH c AS (SELECT * FROM a) SELECT * FROM c, "b" JOIN s.t ON true') == {"a", "b"}
    finally:
        table_names.cache_clear()


def test_a_sql_cell_reruns_when_a_comma_joined_table_changes(notebook):
    pytest.importorskip("duckdb")
    nb = notebook(
        "import marimo as mo\nimport pandas as pd",
        "a = pd.DataFrame({'k': [1, 2, 3]})",
        "b = pd.DataFrame({'k': [2, 3]})",
        "n = int(mo.sql('SELECT count(*) AS n FROM a, b WHERE a.k = b.k', output=False)['n'][0])\nprint('joined', n)",
    )
    assert nb.console("c3") == "joined 2\n"
    start = len(nb.events)
    nb.run(c2="b = pd.DataFrame({'k': [1, 2, 3]})")
    assert "c3" in nb.ran(nb.events[start:])
    assert nb.console("c3", since=start) == "joined 3\n"


SQL_WORDS = ["SELECT", "FROM", "JOIN", "WITH", "AS", "(", ")", ",", ";", ".", "'", '"', "--", "/*", "$$",
             "INSERT", "INTO", "UPDATE", "DELETE", "CREATE", "TABLE", "USING", "ON", "LATERAL", "a", "b", "\n"]


@given(st.lists(st.sampled_from(SQL_WORDS) | st.text(max_size=3), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_reader_takes_any_text(words):
    assert isinstance(read_tables(" ".join(words)), set)


def test_a_query_nested_too_deep_to_read_has_no_refs_and_breaks_nothing():
    deep = "SELECT * FROM " + "(SELECT * FROM " * 3000 + "t" + ")" * 3000
    assert table_names(deep) == frozenset()
    assert set(analyze(f"mo.sql({deep!r})").refs) == {"mo"}
