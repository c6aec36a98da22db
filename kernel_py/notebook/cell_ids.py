"""Cell ids as marimo makes them: 4 ASCII letters drawn from ``random.Random(42)``.

So a notebook's cells get the same ids in Rivulet and in marimo.  The first
draws are tabled here: importing ``random`` costs ~40 ms of Pyodide boot,
and notebooks rarely need more.  ``tests/test_cell_ids.py`` checks the table.
"""

from __future__ import annotations

import string
from typing import Iterator

SEED = 42
FIRST_DRAWS: tuple[str, ...] = (
    "Hbol", "MJUe", "vblA", "bkHC", "lEQa", "PKri", "Xref", "SFPL", "BYtC", "RGSE",
    "Kclp", "emfo", "Hstk", "nWHF", "iLit", "ZHCJ", "ROlb", "qnkX", "TqIu", "Vxnm",
    "DnEU", "ulZA", "ecfG", "Pvdt", "ZBYS", "aLJB", "nHfw", "xXTn", "AjVT", "pHFh",
    "NCOB", "aqbW", "TRpd", "TXez", "dNNg", "yCnT", "wlCL", "kqZH", "wAgl", "rEll",
    "dGlV", "SdmI", "lgWD", "yOPj", "fwwy", "LJZf", "urSm", "jxvo", "mWxS", "CcZR",
    "YWSi", "zlud", "tZnO", "xvXZ", "CLip", "YECM", "cEAS", "iXej", "EJmg", "UmEG",
    "vEBW", "kLmu", "IpqN", "dxZZ", "dlnW", "TTti", "RKFZ", "IaQp", "IWgg", "fCoF",
    "LkGn", "zVRe", "woaO", "HnMC", "wadT", "VCRE", "hgqU", "PSUk", "mfOT", "vGiW",
    "SYQT", "bMrW", "PSQn", "OfTS", "lQxp", "Plbk", "rSYo", "HuZB", "WfYj", "Ynfw",
    "LqFA", "uDnK", "aWBL", "MIsd", "IrqS", "Lpqv", "upgv", "WJUG", "pCao", "wEIy",
    "wlyU", "PieA", "GrQN", "Ilkb", "mySd", "vGkK", "zmIa", "NOfw", "jXAc", "mSxP",
    "IZEX", "UFLA", "RCUM", "ynmH", "NBGo", "eooq", "ChmK", "KdvC", "vkvV", "EKSN",
    "tasN", "SXvM", "CFll", "wbrJ", "viyg", "GbuD", "bHhy", "ctlq", "NtNR", "nebC",
    "ZsHO", "HNXk", "bhgI", "DlKN", "iFMf", "QYfb", "qJXu", "LdJG", "fOSF", "gZOs",
    "wtAr", "SQfX", "HRKw", "MYoQ", "BzwM", "nSRe", "TmyF", "tbSj", "lPrT", "KoaX",
    "eLzN", "JHzP", "elJp", "EyBw", "MrKo", "ngkg", "BNjl", "zLYB", "ofkl", "jaBo",
    "YCKg", "TzTD", "ywjc", "WyQu", "dGch", "DpZg", "NFPl", "BxxS", "ZpGF", "MXkk",
    "Iijd", "axEp", "mKKx", "JWOG", "IWwC", "HVQd", "ipMD", "pgJK", "XAze", "cwqn",
    "eYRD", "XZIo", "cNyH", "VjEH", "zesr", "ISrK", "oXQC", "xqqY", "vAZI", "Cvjs",
    "NGNk", "CWwK", "gYFm", "iCCe", "ZVxg", "RzLA", "oRYm", "CtVA", "TSoP", "vWAQ",
    "opEZ", "zhCr", "CCxq", "jKDm", "OcMK", "QuIQ", "ZzbA", "ETTw", "BxLv", "IiyY",
    "rKHS", "SStq", "LNTb", "dGVZ", "MwfG", "TxKU", "cPpt", "hBDP", "ieTG", "mVhx",
    "nnaP", "UJiw", "rEHw", "nRku", "zmDD", "ZpYI", "oDJM", "cFzV", "oPFs", "HGJL",
    "IRGU", "HqwE", "MepM", "jgCY", "BVRn", "QzPM", "rfYh", "YSLY", "YPtP", "aBxI",
    "IEQW", "fmbT", "DVld", "QVpv", "hXpz", "fUhx", "IMXv", "Mivf", "zvXb", "txXS",
    "fJCY", "sujg", "SxIH", "FbOm", "gDdN", "klTr",
)


def _draws() -> Iterator[str]:
    yield from FIRST_DRAWS
    import random

    generator = random.Random(SEED)
    for _ in FIRST_DRAWS:  # replay to where the table stops
        generator.choices(string.ascii_letters, k=4)
    while True:
        yield "".join(generator.choices(string.ascii_letters, k=4))


class CellIds:
    """Unique cell ids in marimo's order; ``claim`` reserves ids made elsewhere."""

    def __init__(self) -> None:
        self._draws = _draws()
        self._seen: set[str] = {"setup"}

    def next(self) -> str:
        for cell_id in self._draws:
            if cell_id not in self._seen:
                self._seen.add(cell_id)
                return cell_id
        raise AssertionError("unreachable: the draws never end")

    def claim(self, cell_id: str) -> None:
        self._seen.add(cell_id)
