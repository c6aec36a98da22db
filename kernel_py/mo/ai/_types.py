"""The types a chat model gets: messages (marimo's fields) and its config."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ChatAttachment:
    url: str
    name: str = "attachment"
    content_type: str | None = None


@dataclass
class ChatMessage:
    """One message of a conversation: ``role`` is user, assistant or system."""

    role: str
    content: Any
    id: str = ""
    parts: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[ChatAttachment] | None = None
    metadata: Any | None = None


@dataclass
class ChatModelConfig:
    max_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
