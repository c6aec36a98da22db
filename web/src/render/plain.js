// text/plain (and the fallback for anything unknown): escaped, preformatted.
// The kernel caps text/plain at 100,000 characters; this cap only guards
// against other producers (a huge JSON fallback) freezing the page.
const MAX_PLAIN_CHARS = 1_000_000;

export function renderPlain(el, data) {
  const pre = document.createElement("pre");
  pre.className = "plain";
  let text = (typeof data === "string" ? data : JSON.stringify(data, null, 2)) ?? "";
  if (text.length > MAX_PLAIN_CHARS) {
    text = `${text.slice(0, MAX_PLAIN_CHARS)}… (${(text.length - MAX_PLAIN_CHARS).toLocaleString("en-US")} more characters)`;
  }
  pre.textContent = text;
  el.appendChild(pre);
}
