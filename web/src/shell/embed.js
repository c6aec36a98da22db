// In an iframe (?embed=true), tell the embedding page how tall the content
// is, so web/embed.js (or the page's own code) can size the frame:
//   {type: "rivulet:height", height: <px>}
// The embed sends nothing else and accepts no messages.

export function reportHeight(win = window) {
  if (win.parent === win) return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    win.parent.postMessage({ type: "rivulet:height", height }, "*"); // a number: nothing to hide
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}

/** The snippet that embeds `url` in a page, with the resizing script of this site. */
export function embedSnippet(url) {
  const script = new URL("embed.js", document.baseURI).href;
  const src = url.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return `<iframe src="${src}" data-rivulet title="Rivulet notebook" style="width:100%;height:480px;border:0" loading="lazy"></iframe>\n<script src="${script}" async></script>`;
}
