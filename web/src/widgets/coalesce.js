// Coalescing of widget values: while the kernel is busy with one
// set_ui_value, keep only the latest value per widget and send it when the
// previous one has finished. A drag of 60 events a second then never builds a
// backlog of stale runs, and the last value is the next one sent.
//
// The protocol has no reply to set_ui_value, so "finished" is read from the
// events the kernel emits anyway: the request is done when the cells it
// queued are all idle again (or on an `error` event); a request that re-runs
// nothing is done after `quietMs` without any event while no cell runs.
//
//   const ui = coalesce(send);             // send(request) -> kernel
//   ui.send({type: "set_ui_value", id, value});
//   ui.receive(event);                     // every kernel event, in order
//
// Other requests pass straight through.

const BUSY = new Set(["queued", "running"]);

export function coalesce(send, { quietMs = 40 } = {}) {
  const pending = new Map(); // id -> latest value not yet sent
  const busy = new Set(); // cells queued or running, as the kernel said
  let inFlight = null; // {active: bool}
  let quiet = 0;
  const stats = { requested: 0, sent: 0 };

  function armQuiet() {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      if (!inFlight) return;
      if (busy.size === 0) done();
      else armQuiet();
    }, quietMs);
  }

  function done() {
    clearTimeout(quiet);
    inFlight = null;
    pump();
  }

  function pump() {
    if (inFlight || pending.size === 0) return;
    const [id, value] = pending.entries().next().value;
    pending.delete(id);
    inFlight = { active: false };
    stats.sent++;
    send({ type: "set_ui_value", id, value });
    armQuiet();
  }

  return {
    send(request) {
      if (request?.type !== "set_ui_value") return send(request);
      stats.requested++;
      pending.delete(request.id); // the newest value goes last in line
      pending.set(request.id, request.value);
      pump();
      return true;
    },
    receive(event) {
      if (event?.type === "status") {
        if (BUSY.has(event.status)) {
          busy.add(event.cell);
          if (inFlight) inFlight.active = true;
        } else {
          busy.delete(event.cell);
        }
      }
      if (!inFlight) return;
      if (event?.type === "error" || (inFlight.active && busy.size === 0)) done();
      else armQuiet();
    },
    /** Kernel restarted or notebook reopened: forget what was in flight. */
    reset() {
      busy.clear();
      inFlight = null;
      clearTimeout(quiet);
      pump();
    },
    get pending() {
      return pending.size + (inFlight ? 1 : 0);
    },
    stats,
  };
}
