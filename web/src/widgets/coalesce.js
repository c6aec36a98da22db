// Coalescing of widget values: while the kernel is busy with one
// set_ui_value, keep only the latest value per widget and send it when the
// previous one has finished. A drag of 60 events a second then never builds a
// backlog of stale runs, and the last value is the next one sent.
//
// The kernel answers every request with a `done` event once the request and
// the runs it caused are over; that paces the values sent here.
//
//   const ui = coalesce(send);             // send(request) -> kernel
//   ui.send({type: "set_ui_value", widget, value});
//   ui.receive(event);                     // every kernel event, in order
//
// Other requests pass straight through.

export function coalesce(send) {
  const pending = new Map(); // widget id -> latest value not yet sent
  let inFlight = false;
  const stats = { requested: 0, sent: 0 };

  function pump() {
    if (inFlight || pending.size === 0) return;
    const [widget, value] = pending.entries().next().value;
    pending.delete(widget);
    inFlight = true;
    stats.sent++;
    send({ type: "set_ui_value", widget, value });
  }

  return {
    send(request) {
      if (request?.type !== "set_ui_value") return send(request);
      stats.requested++;
      pending.delete(request.widget); // the newest value goes last in line
      pending.set(request.widget, request.value);
      pump();
      return true;
    },
    receive(event) {
      if (event?.type === "done" && event.request === "set_ui_value") {
        inFlight = false;
        pump();
      }
    },
    /** Kernel restarted or notebook reopened: forget what was in flight. */
    reset() {
      inFlight = false;
      pump();
    },
    get pending() {
      return pending.size + (inFlight ? 1 : 0);
    },
    stats,
  };
}
