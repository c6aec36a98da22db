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
// Other requests pass straight through; a widget's message (ui_message) first
// sends that widget's waiting value, so Python sees them in the order made.

export function coalesce(send) {
  const pending = new Map(); // widget id -> latest value not yet sent
  let inFlight = 0; // set_ui_value requests sent and not done
  const stats = { requested: 0, sent: 0 };

  function pump() {
    if (inFlight || pending.size === 0) return;
    const [widget, value] = pending.entries().next().value;
    pending.delete(widget);
    inFlight++;
    stats.sent++;
    send({ type: "set_ui_value", widget, value });
  }

  return {
    send(request) {
      if (request?.type === "ui_message" && pending.has(request.widget)) {
        const value = pending.get(request.widget);
        pending.delete(request.widget);
        inFlight++;
        stats.sent++;
        send({ type: "set_ui_value", widget: request.widget, value });
      }
      if (request?.type !== "set_ui_value") return send(request);
      stats.requested++;
      pending.delete(request.widget); // the newest value goes last in line
      pending.set(request.widget, request.value);
      pump();
      return true;
    },
    receive(event) {
      if (event?.type === "done" && event.request === "set_ui_value") {
        inFlight = Math.max(0, inFlight - 1);
        pump();
      }
    },
    /** Kernel restarted or notebook reopened: forget what was in flight. */
    reset() {
      inFlight = 0;
      pump();
    },
    get pending() {
      return pending.size + inFlight;
    },
    stats,
  };
}
