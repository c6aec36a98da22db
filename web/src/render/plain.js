// text/plain (and the fallback for anything unknown): escaped, preformatted.
// The kernel caps text/plain at 100,000 characters and ends a cut text with a
// note ("… (N more characters)", "… (N more items)"), shown apart from the
// text. This cap only guards against other producers (a huge JSON fallback)
// freezing the page.
const MAX_PLAIN_CHARS = 1_000_000;
const NOTE = /… \((?:[\d,]+ more (?:characters|items)|truncated|nested deeper than [\d,]+ levels)\)$/;

export function renderPlain(el, data) {
  const pre = document.createElement("pre");
  pre.className = "plain";
  let text = (typeof data === "string" ? data : JSON.stringify(data, null, 2)) ?? "";
  let note = null;
  if (text.length > MAX_PLAIN_CHARS) {
    note = `… (${(text.length - MAX_PLAIN_CHARS).toLocaleString("en-US")} more characters)`;
    text = text.slice(0, MAX_PLAIN_CHARS);
  } else {
    const match = NOTE.exec(text.slice(-80));
    if (match) {
      note = match[0];
      text = text.slice(0, text.length - note.length);
    }
  }
  pre.textContent = text;
  if (note) {
    const span = document.createElement("span");
    span.className = "plain-note";
    span.dataset.truncated = "";
    span.textContent = note;
    pre.append(span);
  }
  el.appendChild(pre);
}
