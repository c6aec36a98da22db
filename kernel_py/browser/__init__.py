"""The browser adapter: the only code that touches ``js``/``pyodide``."""
