// SHA-256 of bytes as lowercase hex, by WebCrypto (secure contexts only: the
// page, and the kernel's frame, but not the frame's worker).

/** Resolves the hex digest of `bytes` (ArrayBuffer or view). */
export async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
