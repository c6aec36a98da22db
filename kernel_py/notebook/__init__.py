"""The notebook file: read and write marimo's file format (``file_format``),
never losing a byte of a cell it cannot parse; cell ids as marimo draws them."""
