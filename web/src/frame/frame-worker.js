// The kernel worker as it runs inside the sandboxed frame (inside.js):
// worker-setup.js first (the site's files come from the page), then the
// site's own worker.
import "./worker-setup.js";
import "../worker.js";
