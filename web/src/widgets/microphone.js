// microphone: record with MediaRecorder; the recording goes to the kernel
// as base64. A refused permission (or no microphone, or an insecure page)
// is explained in the widget.
import { base64, h } from "./dom.js";
import { trackFocus } from "./element.js";

const WHY = {
  NotAllowedError: "Microphone permission was refused: allow it in the browser's site settings, then press Record again.",
  SecurityError: "Microphone permission was refused: allow it in the browser's site settings, then press Record again.",
  NotFoundError: "No microphone was found.",
  NotReadableError: "The microphone is in use by another application.",
};

export function microphone(ctx) {
  const button = trackFocus(
    ctx,
    h("button", { type: "button", class: "rv-ui-button", "aria-pressed": "false", text: ctx.label ? `● ${ctx.label}` : "● Record" }),
  );
  button.setAttribute("aria-label", ctx.label || "Record");
  const message = h("span", { class: "rv-ui-mic-message", role: "status" });
  const player = h("audio", { controls: true, hidden: true });
  let recorder = null;
  let stream = null;
  let url = "";
  const stopTracks = () => stream?.getTracks().forEach((t) => t.stop());
  const explain = (text) => {
    message.setAttribute("role", "alert");
    message.textContent = text;
  };
  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      return explain("Recording needs a secure page (https) and a browser with MediaRecorder.");
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      return explain(WHY[err?.name] ?? `The microphone could not be opened: ${err?.message ?? err}`);
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (e) => e.data.size && chunks.push(e.data));
    recorder.addEventListener("stop", async () => {
      stopTracks();
      const blob = new Blob(chunks, { type: recorder?.mimeType || "audio/webm" });
      recorder = null;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      player.src = url;
      player.hidden = false;
      message.setAttribute("role", "status");
      message.textContent = `Recorded ${Math.round(blob.size / 1024)} KB`;
      ctx.emit(base64(await blob.arrayBuffer()));
    });
    recorder.start();
    button.setAttribute("aria-pressed", "true");
    button.textContent = "■ Stop";
    message.setAttribute("role", "status");
    message.textContent = "Recording…";
  };
  button.addEventListener("click", () => {
    if (recorder) {
      recorder.stop();
      button.setAttribute("aria-pressed", "false");
      button.textContent = ctx.label ? `● ${ctx.label}` : "● Record";
    } else start();
  });
  return {
    node: h("span", { class: "rv-ui-field" }, button, player, message),
    setValue() {},
    destroy() {
      if (recorder?.state === "recording") recorder.stop();
      stopTracks();
      if (url) URL.revokeObjectURL(url);
    },
  };
}
