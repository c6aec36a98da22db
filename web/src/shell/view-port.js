// The shell's handle on the notebook view, which loads lazily: events,
// previews and grids that arrive before it is mounted wait here, in order.
// Everything the shell asks of the view goes through this object.

export function createViewPort({ root, send, notify, mode, showCode, includeCode, onShown }) {
  const queue = [];
  let mounted = null;
  let previewText = null; // a file opened before the view was mounted
  let previewOutputs = null; // with an export's pre-rendered outputs
  import("../view/notebook.js")
    .then(({ mountNotebook }) => {
      mounted = mountNotebook(root, { send, notify, mode, showCode, includeCode });
      const shown = previewText !== null && !queue.some((e) => e.type === "notebook")
        ? mounted.preview?.(previewText, previewOutputs) : null;
      Promise.resolve(shown).finally(onShown);
      for (const event of queue.splice(0)) {
        if (event.type === "rv-grid") mounted.setGrid?.(event.grid);
        else mounted.handle(event);
      }
    })
    .catch((err) => {
      console.error(err);
      notify(`The notebook view failed to load: ${err.message}`, "error");
    });
  return {
    handle(event) {
      if (mounted) mounted.handle(event);
      else queue.push(event);
    },
    /** Show a file's cells while the kernel is still reading it (the view may ignore this). */
    preview(text, outputs = null) {
      if (mounted) mounted.preview?.(text, outputs);
      else [previewText, previewOutputs] = [text, outputs];
    },
    toggleCode() {
      return mounted?.toggleCode?.() ?? false;
    },
    setGrid(grid) {
      if (mounted) mounted.setGrid?.(grid);
      else queue.push({ type: "rv-grid", grid }); // applied in order with the events before it
    },
    /** The cells on screen (edits included), or null if the view cannot say. */
    cells() {
      return mounted?.cells?.() ?? null;
    },
    restarted() {
      mounted?.restarted?.();
    },
    /** Another notebook was opened in this page (its panels start afresh). */
    opened() {
      mounted?.opened?.();
    },
    /** The kernel died (the page said so): nothing it was running will finish. */
    kernelLost() {
      mounted?.kernelLost?.();
    },
    /** A running cell's input(): a prompt under it; `answer(text)` once. */
    ask(asked, answer) {
      mounted?.ask?.(asked.cell, asked.prompt, answer);
    },
    /** The notebook's settings ({width, app_title, on_cell_change, auto_instantiate}), or null before the view loaded. */
    settings() {
      return mounted?.settings?.() ?? null;
    },
    openSettings() {
      mounted?.openSettings?.();
    },
    /** Send edits the view holds back (typing pauses) to the kernel now. */
    flush() {
      mounted?.flush?.();
    },
  };
}
