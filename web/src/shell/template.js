// The text of a new notebook: the kernel's own template
// (kernel_py.notebook.file_format.new_notebook), put in by build.py.
/* global RIVULET_NEW_NOTEBOOK */
export const NEW_NOTEBOOK = RIVULET_NEW_NOTEBOOK;
