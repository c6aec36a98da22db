"""The reactive core: analysis (code -> defs and refs), topology (cells and
edges, an immutable snapshot), planning (what runs, pure), running one cell,
structured cell errors, and the kernel that ties them together.

Depends only on ``display`` (a value -> its MIME bundle).
"""
