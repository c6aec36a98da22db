"""``mo.ai``: the chat message types ``mo.ui.chat`` models receive, and
``mo.ai.llm``'s ready-made models (they need an API key and the network)."""

from __future__ import annotations

from . import llm
from ._types import ChatAttachment, ChatMessage, ChatModelConfig

__all__ = ["ChatAttachment", "ChatMessage", "ChatModelConfig", "llm"]
