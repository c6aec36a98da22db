/* Rivulet embeds: size each <iframe data-rivulet> to its notebook's content.
   Add once to a page: <script src="https://YOUR-SITE/embed.js" async></script>
   The notebook posts {type: "rivulet:height", height: <px>}; this script
   believes it only from the frame it names, at that frame's origin, and only
   sets the frame's height (between 40 px and 100,000 px). Without this
   script an embed keeps its own height and scrolls. */
(function () {
  "use strict";
  if (window.__rivuletEmbeds) return;
  window.__rivuletEmbeds = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "rivulet:height" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-rivulet]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, location.href).origin; } catch (e) { return; }
      if (origin !== event.origin) return;
      frame.style.height = Math.max(40, Math.min(100000, Math.ceil(data.height))) + "px";
      return;
    }
  });
})();
