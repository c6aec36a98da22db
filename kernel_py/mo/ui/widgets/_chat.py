"""``mo.ui.chat``: a conversation with a model function.

The page sends the conversation, ``{"messages": [{role, content, id}]}``,
when the user sends a message; the model (``model(messages, config)`` or
``model(messages)``) answers here, and the chat's own output is shown
again with the answer (``Kernel.reshow``) while the cells that read
``chat.value`` re-run.  ``.value`` is a list of ``mo.ai.ChatMessage``.
Functions, generators (their string chunks make the answer), async
functions and async generators are supported: an async model is awaited by
the kernel after the message arrives (``_finish_update``), before the
readers run.
"""

from __future__ import annotations

import inspect
import itertools
from typing import Any, Callable

from ...ai._types import ChatMessage, ChatModelConfig
from ..element import UIElement
from ._reshow import reshow

DEFAULT_CONFIG = {"max_tokens": 4096, "temperature": 0.5, "top_p": 1, "top_k": 40,
                  "frequency_penalty": 0, "presence_penalty": 0}
_reply_ids = itertools.count(1)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    from ..._html import as_html

    return as_html(content).text


class chat(UIElement):
    """A chatbot; ``.value`` is the conversation, a list of ``ChatMessage``."""

    _kind = "chat"

    def __init__(
        self,
        model: Callable[..., object],
        *,
        prompts: list[str] | None = None,
        on_message: Callable[[list[ChatMessage]], None] | None = None,
        show_configuration_controls: bool = False,
        config: dict[str, Any] | None = DEFAULT_CONFIG,
        allow_attachments: bool | list[str] = False,
        max_height: int | None = None,
        disabled: bool = False,
    ) -> None:
        if not callable(model):
            raise TypeError(f"mo.ui.chat: model must be a function of (messages, config), got {model!r}")
        self._model = model
        self._config = {**DEFAULT_CONFIG, **(config or {})}
        self._history: list[ChatMessage] = []
        self._error: str | None = None
        self._awaiting: Any = None  # an async model's answer, awaited by the kernel
        props = {
            "prompts": list(prompts or []), "show_configuration_controls": show_configuration_controls,
            "config": self._config, "allow_attachments": allow_attachments,
            "max_height": max_height, "disabled": disabled,
        }
        super().__init__({"messages": []}, on_change=on_message, props=props)

    # -- the model ---------------------------------------------------------------
    def _call(self, messages: list[ChatMessage]) -> Any:
        model = self._model
        try:
            one = len(inspect.signature(model).parameters) == 1
        except (TypeError, ValueError):
            one = False
        config = ChatModelConfig(**{k: v for k, v in self._config.items() if k in ChatModelConfig.__dataclass_fields__})
        return model(messages) if one else model(messages, config)

    @staticmethod
    def _answer(response: Any) -> ChatMessage:
        if inspect.isgenerator(response):
            response = "".join(str(chunk) for chunk in response if isinstance(chunk, str))
        return ChatMessage(role="assistant", content=response, id=f"reply-{next(_reply_ids)}",
                           parts=[{"type": "text", "text": _text_of(response)}])

    def _convert(self, frontend_value: Any) -> list[ChatMessage]:
        if not isinstance(frontend_value, dict) or not isinstance(frontend_value.get("messages"), list):
            raise ValueError("Invalid chat history format")
        known = {m.id: m for m in getattr(self, "_history", ()) if m.id}
        messages: list[ChatMessage] = []
        for raw in frontend_value["messages"]:
            if not isinstance(raw, dict) or raw.get("role") not in ("user", "assistant", "system"):
                raise ValueError("Invalid chat history format")
            msg_id = str(raw.get("id") or "")
            if msg_id in known:  # the Python content (an object, not its text) stays
                messages.append(known[msg_id])
                continue
            content = raw.get("content")
            content = content if isinstance(content, str) else str(content or "")
            messages.append(ChatMessage(role=raw["role"], content=content, id=msg_id,
                                        parts=[{"type": "text", "text": content}]))
        self._error = None
        self._awaiting = None
        if messages and messages[-1].role == "user":
            try:
                response = self._call(list(messages))
                if inspect.isawaitable(response) or inspect.isasyncgen(response):
                    self._awaiting = response
                else:
                    messages.append(self._answer(response))
            except Exception as exc:  # noqa: BLE001 - shown in the chat, as marimo does
                self._error = f"{type(exc).__name__}: {exc}"
        self._history = messages
        self._frontend_value = self._page_value()
        return messages

    def _update(self, frontend_value: Any) -> None:
        before = self._html()
        try:
            super()._update(frontend_value)
        finally:
            self._frontend_value = self._page_value()
            if self._awaiting is None:
                reshow(self, before)
            else:
                self._before = before  # shown again once the answer arrives

    async def _finish_update(self) -> None:
        """Await an async model's answer (the kernel calls this after ``_update``)."""
        response, self._awaiting = self._awaiting, None
        if response is None:
            return
        before = getattr(self, "_before", None) or self._html()
        try:
            if inspect.isasyncgen(response):
                response = "".join([chunk async for chunk in response if isinstance(chunk, str)])
            else:
                response = await response
            self._history.append(self._answer(response))
            self._value = self._history
        except Exception as exc:  # noqa: BLE001 - shown in the chat
            self._error = f"{type(exc).__name__}: {exc}"
        self._frontend_value = self._page_value()
        reshow(self, before)

    def _page_value(self) -> dict[str, Any]:
        shown = [{"role": m.role, "id": m.id, "content": _text_of(m.content),
                  "html": not isinstance(m.content, str)} for m in self._history]
        value: dict[str, Any] = {"messages": shown}
        if self._error:
            value["error"] = self._error
        return value

    def _inner_html(self) -> str:
        # rich answers (plots, tables, widgets) travel as markup, like any output
        return "".join(
            f'<div data-reply="{m.id}" hidden>{_text_of(m.content)}</div>'
            for m in self._history if not isinstance(m.content, str)
        )
