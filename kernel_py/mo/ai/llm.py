"""marimo's built-in chat models by name.  Each calls a hosted model, which
needs that provider's package, an API key and the network: a Rivulet
notebook runs in the browser, offline, so using one explains this instead.
Pass your own function to ``mo.ui.chat`` (``lambda messages, config: ...``)."""

from __future__ import annotations

from typing import Any


class _HostedModel:
    _provider = "a hosted model"

    def __init__(self, model: Any = None, **options: Any) -> None:
        self.model = model
        self.options = options

    def __call__(self, messages: Any, config: Any = None) -> str:
        raise RuntimeError(
            f"mo.ai.llm.{type(self).__name__}({self.model!r}) calls {self._provider}: it needs an API key "
            "and network access, which a Rivulet notebook in the browser does not have. "
            "Give mo.ui.chat your own function instead: mo.ui.chat(lambda messages, config: ...)."
        )

    def __repr__(self) -> str:
        return f"mo.ai.llm.{type(self).__name__}({self.model!r})"


class openai(_HostedModel):
    _provider = "OpenAI's API"


class anthropic(_HostedModel):
    _provider = "Anthropic's API"


class google(_HostedModel):
    _provider = "Google's Gemini API"


class groq(_HostedModel):
    _provider = "Groq's API"


class bedrock(_HostedModel):
    _provider = "AWS Bedrock"


class pydantic_ai(_HostedModel):
    _provider = "a pydantic-ai agent (and its provider's API)"


__all__ = ["anthropic", "bedrock", "google", "groq", "openai", "pydantic_ai"]
