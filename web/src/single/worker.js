// The kernel worker of a single-file export: worker-setup.js first (answers
// rivulet:/ requests from the page's blobs), then the site's own worker.
import "./worker-setup.js";
import "../worker.js";
