"""Host-only code (CPython): the CLI, headless runs, static checks, the
``rivulet edit`` server.  Never shipped to the browser (build.py leaves this
folder out of the kernel wheel); nothing else in ``kernel_py`` imports it."""
