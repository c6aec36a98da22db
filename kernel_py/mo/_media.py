"""Media: ``mo.image``, ``audio``, ``video``, ``pdf``, ``download``, ``icon``.

A source is a URL (``http(s):``, ``data:``, or a relative URL, used as is),
a path to a local file, bytes, or a file-like object; local data is inlined
as a ``data:`` URL, since the page cannot read the kernel's file system.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any, Callable, Literal

from ..display.escape import escape
from ._html import Html
from ._layout import _attr, _style

_URL_PREFIXES = ("http://", "https://", "data:", "blob:", "//")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF", "application/pdf"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"\x1aE\xdf\xa3", "video/webm"),
)


def _sniff(data: bytes, default: str) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[4:8] == b"ftyp":
        return "video/mp4"
    head = data[:256].lstrip()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:1024]):
        return "image/svg+xml"
    return default


def _data_url(data: bytes, mimetype: str) -> str:
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


def _read(src: Any) -> bytes | None:
    """Bytes of a bytes-like, file-like or existing-path source; None for URLs."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src)
    if isinstance(src, io.IOBase) or hasattr(src, "read"):
        data = src.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    if isinstance(src, Path) or (isinstance(src, str) and not src.startswith(_URL_PREFIXES) and os.path.isfile(src)):
        return Path(src).read_bytes()
    return None


def to_url(src: Any, default_type: str, filename: str | None = None) -> str:
    """A URL the page can load for ``src`` (see the module docstring)."""
    if isinstance(src, str) and src.startswith(_URL_PREFIXES):
        return src
    data = _read(src)
    if data is None:
        if isinstance(src, Path):
            raise FileNotFoundError(str(src))
        return str(src)  # a relative URL (or a path that only the page knows)
    name = filename or (str(src) if isinstance(src, (str, Path)) else getattr(src, "name", None))
    guessed = _mimetypes().guess_type(str(name))[0] if name else None
    return _data_url(data, guessed or _sniff(data, default_type))


def _size(value: int | str | None) -> str | None:
    if value is None:
        return None
    return f"{value}px" if isinstance(value, (int, float)) else str(value)


def _pil_or_array_png(src: Any, vmin: float | None, vmax: float | None) -> bytes | None:
    """PNG bytes for a PIL image or a numpy array (imported only if given one)."""
    module = type(src).__module__
    if module.startswith("PIL."):
        buffer = io.BytesIO()
        src.save(buffer, format="PNG")
        return buffer.getvalue()
    if module == "numpy" and hasattr(src, "ndim"):
        import numpy as np
        from PIL import Image

        array = np.asarray(src, dtype=float)
        lo = array.min() if vmin is None else vmin
        hi = array.max() if vmax is None else vmax
        scaled = np.clip((array - lo) / ((hi - lo) or 1.0), 0, 1)
        buffer = io.BytesIO()
        Image.fromarray((scaled * 255).astype("uint8")).save(buffer, format="PNG")
        return buffer.getvalue()
    return None


def image(
    src: Any,
    alt: str | None = None,
    width: int | str | None = None,
    height: int | str | None = None,
    rounded: bool = False,
    style: dict[str, Any] | None = None,
    caption: str | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
) -> Html:
    """An image from a URL, a path, bytes, a file, a PIL image or a numpy array."""
    png = _pil_or_array_png(src, vmin, vmax)
    url = _data_url(png, "image/png") if png is not None else to_url(src, "image/png")
    css = {"width": _size(width), "height": _size(height), "border_radius": "8px" if rounded else None}
    css.update({k.replace("-", "_"): v for k, v in (style or {}).items()})
    attrs = f'src="{_attr(url)}" alt="{_attr(alt or caption or "")}"'
    img = f'<img {attrs} style="{_attr(_style(max_width="100%", **css))}">'
    if caption:
        return Html(
            f'<figure style="margin:0;display:inline-block">{img}'
            f'<figcaption style="text-align:center;color:#666;font-size:.9rem">{escape(caption)}</figcaption></figure>'
        )
    return Html(img)


def audio(src: Any, rate: int | None = None, normalize: bool = True) -> Html:
    """An audio player for a URL, path, bytes or file (``rate``: for a numpy array)."""
    if type(src).__module__ == "numpy":
        src = _wav_from_array(src, rate or 44100, normalize)
    url = to_url(src, "audio/wav")
    return Html(f'<audio controls src="{_attr(url)}"></audio>')


def _wav_from_array(samples: Any, rate: int, normalize: bool) -> bytes:
    import wave

    import numpy as np

    array = np.asarray(samples, dtype=float)
    channels = 1 if array.ndim == 1 else array.shape[0]
    data = array if array.ndim == 1 else array.T.reshape(-1)
    peak = np.abs(data).max() or 1.0
    scaled = data / peak if normalize else np.clip(data, -1, 1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((scaled * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def video(
    src: Any,
    controls: bool = True,
    muted: bool = False,
    autoplay: bool = False,
    loop: bool = False,
    width: int | str | None = None,
    height: int | str | None = None,
    rounded: bool = False,
) -> Html:
    """A video player for a URL, path, bytes or file."""
    url = to_url(src, "video/mp4")
    flags = "".join(
        f" {name}" for name, on in (("controls", controls), ("muted", muted), ("autoplay", autoplay), ("loop", loop)) if on
    )
    css = _style(max_width="100%", width=_size(width), height=_size(height), border_radius="8px" if rounded else None)
    return Html(f'<video src="{_attr(url)}"{flags} playsinline style="{css}"></video>')


def pdf(
    src: Any,
    initial_page: int | None = None,
    width: int | str | None = "100%",
    height: int | str | None = "70vh",
    style: dict[str, Any] | None = None,
) -> Html:
    """A PDF viewer (the browser's own) for a URL, path, bytes or file."""
    url = to_url(src, "application/pdf")
    if initial_page is not None:
        url += f"#page={int(initial_page)}"
    css = {"width": _size(width), "height": _size(height), "border": "1px solid #ddd"}
    css.update({k.replace("-", "_"): v for k, v in (style or {}).items()})
    return Html(f'<object type="application/pdf" data="{_attr(url)}" style="{_attr(_style(**css))}">'
                f'<a href="{_attr(url)}" target="_blank" rel="noopener">Open the PDF</a></object>')


def download(
    data: Any,
    filename: str | Callable[[], str] | None = None,
    mimetype: str | None = None,
    disabled: bool = False,
    *,
    label: str = "Download",
) -> Html:
    """A button that downloads ``data`` (str, bytes, a file, or a callable
    returning one of them) in the browser as ``filename``."""
    if callable(data) and not hasattr(data, "read"):
        data = data()
    if callable(filename):
        filename = filename()
    if isinstance(data, str) and not os.path.isfile(data) and not data.startswith(_URL_PREFIXES):
        payload = data.encode("utf-8")
        kind = mimetype or "text/plain"
    else:
        raw = _read(data)
        if raw is None:  # a URL: the browser fetches it
            name = filename or str(data).rstrip("/").rsplit("/", 1)[-1] or "download"
            return _download_button(str(data), name, label, disabled)
        payload = raw
        guessed = _mimetypes().guess_type(filename or str(getattr(data, "name", "")))[0]
        kind = mimetype or guessed or _sniff(payload, "application/octet-stream")
    if filename is None:
        filename = getattr(data, "name", None) if hasattr(data, "read") else None
        filename = os.path.basename(filename) if isinstance(filename, str) else "download"
        if "." not in filename:
            filename += _mimetypes().guess_extension(kind) or ""
    return _download_button(_data_url(payload, kind), filename, label, disabled)


def _download_button(url: str, filename: str, label: str, disabled: bool) -> Html:
    style = _style(
        display="inline-flex", align_items="center", gap=".35rem", padding=".3rem .8rem",
        border="1px solid #c5cad3", border_radius="6px", background="#fff", color="inherit",
        text_decoration="none", font="inherit", cursor="not-allowed" if disabled else "pointer",
        opacity=".5" if disabled else None,
    )
    if disabled:
        return Html(f'<button type="button" class="rv-download" disabled style="{style}">⬇ {escape(label)}</button>')
    return Html(
        f'<rv-download><a class="rv-download" role="button" href="{_attr(url)}" '
        f'download="{_attr(filename)}" style="{style}">⬇ {escape(label)}</a></rv-download>'
    )


def icon(
    icon_name: str,
    *,
    size: int | None = None,
    color: str | None = None,
    inline: bool = True,
    flip: Literal["horizontal", "vertical", "horizontal,vertical"] | None = None,
    rotate: Literal["90deg", "180deg", "270deg"] | None = None,
    style: dict[str, Any] | None = None,
) -> Html:
    """An icon by Iconify name (``"lucide:leaf"``).  Rendered by an
    ``<iconify-icon>`` element when the page defines one; the name is the
    accessible label either way."""
    css = {"font_size": _size(size), "color": color}
    css.update({k.replace("-", "_"): v for k, v in (style or {}).items()})
    attrs = {
        "icon": icon_name,
        "inline": "" if inline else None,
        "flip": flip,
        "rotate": rotate,
        "width": size,
        "height": size,
        "role": "img",
        "aria-label": icon_name.split(":")[-1].replace("-", " "),
        "style": _style(**css) or None,
    }
    text = " ".join(k if v == "" else f'{k}="{_attr(v)}"' for k, v in attrs.items() if v is not None)
    return Html(f"<iconify-icon {text}></iconify-icon>")


def _mimetypes():
    """Imported on first use: reading the system's type tables slows boot."""
    import mimetypes

    return mimetypes
