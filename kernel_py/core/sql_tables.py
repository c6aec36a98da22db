"""The tables a SQL query reads, from a small reader of SQL's structure: a
tokenizer (strings, quoted names, comments never count) and a walk over the
query's nested parentheses that knows its clauses (FROM lists with commas and
joins, subqueries, CTEs and their scopes, table functions, INSERT, UPDATE,
DELETE, CREATE ... AS, DESCRIBE, PIVOT, COPY).

What it reports matches marimo's parser (sqlglot's scopes; see sql_refs.py,
which uses sqlglot itself when it is installed) on the queries in
tests/test_sql_refs.py: names as written (marimo lowercases them), and qualified
names (``schema.table``) as tuples of their parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

_TOKEN = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
      | (?P<string>[eE]?'(?:[^']|'')*(?:'|\Z)|\$(?P<tag>[A-Za-z_]*)\$.*?(?:\$(?P=tag)\$|\Z))
      | (?P<quoted>"(?:[^"]|"")*(?:"|\Z)|`[^`]*(?:`|\Z))
      | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
      | (?P<number>[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\$[0-9]+)
      | (?P<punct>[(),;.])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)

FILE_LIKE = (".csv", ".parquet", ".json", ".txt", ".db", ".tsv", ".xlsx")
_QUERY_START = {"SELECT", "WITH", "FROM", "VALUES", "SUMMARIZE", "DESCRIBE", "PIVOT", "UNPIVOT"}
_JOIN_WORDS = {"NATURAL", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "POSITIONAL", "ASOF", "ANTI", "SEMI"}
_ENDS_FROM = {
    "WHERE", "GROUP", "HAVING", "QUALIFY", "WINDOW", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT",
    "INTERSECT", "SELECT", "RETURNING", "SET", "VALUES", "FETCH", "FOR", "TABLESAMPLE", "ON", "DO",
}
_NOT_ALIAS = _ENDS_FROM | _JOIN_WORDS | {"JOIN", "USING", "FROM", "AS", "LATERAL", "WITH", "AND", "OR", "NOT"}


@dataclass(frozen=True)
class Token:
    kind: str  # word, name (a quoted name), string, number, punct, other
    text: str  # a word upper-cased in ``key``; a quoted name unquoted

    @property
    def key(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


@dataclass
class Group:
    """The items between a pair of parentheses."""

    items: list[Item] = field(default_factory=list)


Item = Union[Token, Group]


def tokens(query: str) -> list[Token]:
    found = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup if m.lastgroup != "tag" else "string"
        if kind == "space":
            continue
        text = m.group()
        if kind == "quoted":
            text = text[1:-1].replace('""', '"') if len(text) > 1 else ""
            kind = "name"
        found.append(Token(kind or "other", text))
    return found


def groups(toks: list[Token]) -> list[Item]:
    """Nest the tokens by parentheses (an unclosed one closes at the end, an
    extra ``)`` is dropped)."""
    stack: list[list[Item]] = [[]]
    for tok in toks:
        if tok.text == "(" and tok.kind == "punct":
            group = Group()
            stack[-1].append(group)
            stack.append(group.items)
        elif tok.text == ")" and tok.kind == "punct":
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].append(tok)
    return stack[0]


def _key(items: list[Item], i: int) -> str:
    return items[i].key if i < len(items) and isinstance(items[i], Token) else ""


def _punct(items: list[Item], i: int, text: str) -> bool:
    item = items[i] if i < len(items) else None
    return isinstance(item, Token) and item.kind == "punct" and item.text == text


def _is_name(item: Item | None) -> bool:
    return isinstance(item, Token) and (item.kind == "name" or (item.kind == "word" and item.key not in _NOT_ALIAS))


def _starts_query(group: Group) -> bool:
    first = group.items[0] if group.items else None
    if isinstance(first, Group):
        return _starts_query(first)
    return isinstance(first, Token) and first.key in _QUERY_START


def _split(items: list[Item]) -> list[list[Item]]:
    parts: list[list[Item]] = [[]]
    for item in items:
        if isinstance(item, Token) and item.kind == "punct" and item.text == ";":
            parts.append([])
        else:
            parts[-1].append(item)
    return [p for p in parts if p]


class TableReader:
    """Walks one SQL text; ``tables`` is every table it reads, as tuples of
    name parts (``("df",)``, ``("schema", "t")``)."""

    def __init__(self) -> None:
        self.tables: set[tuple[str, ...]] = set()
        self.created: set[str] = set()

    def read(self, query: str) -> set[tuple[str, ...]]:
        for statement in _split(groups(tokens(query))):
            self.statement(statement)
        return self.tables

    # statements -----------------------------------------------------------

    def statement(self, items: list[Item], ctes: frozenset[str] = frozenset()) -> None:
        key = _key(items, 0)
        if key == "EXPLAIN":
            rest = 2 if _key(items, 1) == "ANALYZE" else 1
            return self.statement(items[rest:])
        if key == "INSERT":
            i = next((n for n in range(len(items)) if _key(items, n) == "INTO"), len(items))
            i = self.target(items, i + 1)
            if i < len(items) and isinstance(items[i], Group) and not _starts_query(items[i]):
                i += 1  # the column list
            return self.query(items[i:], frozenset())
        if key in ("UPDATE", "COPY", "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT"):
            if (len(items) > 1 and isinstance(items[1], Group)) or _key(items, 1) in _QUERY_START:
                return self.query(items[1:], ctes)
            return self.walk(items[self.target(items, 1) :], frozenset(), in_from=key == "UPDATE")
        if key == "DELETE":
            i = 2 if _key(items, 1) == "FROM" else 1
            return self.walk(items[self.target(items, i) :], frozenset(), in_from=True)
        if key == "DROP":
            i = 2 if _key(items, 1) in ("TABLE", "VIEW") else len(items)
            i += 2 if _key(items, i) == "IF" else 0
            self.target(items, i)
            return None
        if key == "CREATE":
            return self.create(items)
        return self.query(items, ctes)

    def create(self, items: list[Item]) -> None:
        kinds = next((n for n in range(len(items)) if _key(items, n) in ("TABLE", "VIEW")), None)
        if kinds is None:
            return
        i = kinds + 1
        if _key(items, i) == "IF":
            i += 3
        parts, _ = self.parts(items, i)
        if parts:
            self.created.add(parts[-1].lower())
        body = next((n for n in range(i, len(items)) if _key(items, n) == "AS"), None)
        if body is not None:
            self.query(items[body + 1 :], frozenset())

    def target(self, items: list[Item], i: int) -> int:
        """Read the table name at ``items[i]``; the index after it (and its alias)."""
        parts, i = self.parts(items, i)
        if parts:
            self.add(parts, frozenset())
        if _key(items, i) == "AS":
            i += 1
        if _is_name(items[i] if i < len(items) else None):
            i += 1
        return i

    # queries --------------------------------------------------------------

    def query(self, items: list[Item], ctes: frozenset[str]) -> None:
        i = 0
        if _key(items, 0) == "WITH":
            i, ctes = self.with_clause(items, ctes)
        self.walk(items[i:], ctes)

    def with_clause(self, items: list[Item], outer: frozenset[str]) -> tuple[int, frozenset[str]]:
        i = 1
        recursive = _key(items, i) == "RECURSIVE"
        i += recursive
        ctes = outer
        while i < len(items) and _is_name(items[i]):
            name = items[i].text.lower()  # type: ignore[union-attr]
            i += 1
            if i < len(items) and isinstance(items[i], Group):
                i += 1  # its column names
            while i < len(items) and _key(items, i) in ("AS", "NOT", "MATERIALIZED"):
                i += 1
            if i < len(items) and isinstance(items[i], Group):
                body = items[i]
                self.query(body.items, ctes | {name} if recursive else ctes)  # type: ignore[union-attr]
                i += 1
            ctes = ctes | {name}
            if not _punct(items, i, ","):
                break
            i += 1
        return i, ctes

    def walk(self, items: list[Item], ctes: frozenset[str], in_from: bool = False) -> None:
        """A query's clauses: FROM lists and joins name tables; subqueries
        anywhere are queries of their own."""
        state = "table" if in_from and items and _key(items, 0) not in _ENDS_FROM else "expr"
        i = 0
        while i < len(items):
            item, key = items[i], _key(items, i)
            if state == "table":
                i, state = self.source(items, i, ctes)
                continue
            if state == "alias":
                if key == "AS" or key in _JOIN_WORDS:
                    i += 1
                    continue
                if _is_name(item):
                    i += 2 if i + 1 < len(items) and isinstance(items[i + 1], Group) else 1
                    state = "expr"
                    continue
                state = "expr"
            if isinstance(item, Group):
                self.expression([item], ctes)
            elif key in ("FROM", "JOIN"):
                state, in_from = "table", True
            elif key == "USING" and in_from:
                if _key(items, i + 1) == "SAMPLE":
                    in_from = False
                elif i + 1 < len(items) and not isinstance(items[i + 1], Group):
                    state = "table"  # DELETE FROM t USING a, b
            elif key in _ENDS_FROM - {"ON"}:
                in_from = False
            elif in_from and _punct(items, i, ","):
                state = "table"
            i += 1

    def source(self, items: list[Item], i: int, ctes: frozenset[str]) -> tuple[int, str]:
        """One entry of a FROM list at ``items[i]``: a table, a table function,
        a subquery or a parenthesized join. The index after it, the next state."""
        while _key(items, i) in ("LATERAL", "ONLY"):
            i += 1
        if i >= len(items):
            return i, "expr"
        item = items[i]
        if isinstance(item, Group):
            if _starts_query(item):
                self.statement(item.items, ctes)
            else:
                self.walk(item.items, ctes, in_from=True)
            return i + 1, "alias"
        if item.kind == "string":
            return i + 1, "alias"
        parts, after = self.parts(items, i)
        if not parts:
            return i, "expr"
        if after < len(items) and isinstance(items[after], Group):  # a table function
            self.expression(items[after].items, ctes)  # type: ignore[union-attr]
            return after + 1, "alias"
        self.add(parts, ctes)
        return after, "alias"

    def expression(self, items: list[Item], ctes: frozenset[str]) -> None:
        """Inside a function's parentheses: ``FROM`` is no table clause
        (``extract(year FROM d)``), but subqueries are queries."""
        for item in items:
            if isinstance(item, Group):
                if _starts_query(item):
                    self.statement(item.items, ctes)
                else:
                    self.expression(item.items, ctes)

    # names ----------------------------------------------------------------

    def parts(self, items: list[Item], i: int) -> tuple[list[str], int]:
        """A dotted name at ``items[i]``: its parts and the index after it."""
        parts: list[str] = []
        while i < len(items) and _is_name(items[i]):
            parts.append(items[i].text)  # type: ignore[union-attr]
            i += 1
            if not _punct(items, i, "."):
                break
            i += 1
        return parts, i

    def add(self, parts: list[str], ctes: frozenset[str]) -> None:
        name = parts[-1]
        if "://" in name or name.lower().endswith(FILE_LIKE):
            return
        if len(parts) == 1 and (name.lower() in ctes or name.lower() in self.created):
            return
        self.tables.add(tuple(parts))


def read_tables(query: str) -> set[tuple[str, ...]]:
    """Every table ``query`` reads, as tuples of name parts."""
    return TableReader().read(query)
