"""The kernel's side of widgets: live elements by id and the cell owning each.

The element class itself is ``mo.ui.element.UIElement``; the kernel only
needs what ``Widget`` says, so the core never imports the ``mo`` layer.
"""

from __future__ import annotations

from typing import Any, Protocol


class Widget(Protocol):
    _id: str

    def _update(self, frontend_value: Any) -> None: ...

    def _owns(self, element: Any) -> bool: ...

    def _describe(self) -> str: ...


class OnChangeError(Exception):
    """An ``on_change`` callback raised; the element's value was still set."""

    def __init__(self, element: Widget, error: BaseException) -> None:
        super().__init__(f"{element._describe()}: on_change raised {type(error).__name__}: {error}")
        self.element = element
        self.error = error


class UIRegistry:
    """Live elements by id, and which cell owns each."""

    def __init__(self) -> None:
        self._elements: dict[str, Widget] = {}
        self._by_cell: dict[str, list[str]] = {}

    def register(self, element: Widget, owner: str) -> None:
        self._elements[element._id] = element
        self._by_cell.setdefault(owner, []).append(element._id)

    def get(self, element_id: str) -> Widget | None:
        return self._elements.get(element_id)

    def owner(self, element_id: str) -> str | None:
        for cell_id, ids in self._by_cell.items():
            if element_id in ids:
                return cell_id
        return None

    def forget_cell(self, cell_id: str) -> None:
        for element_id in self._by_cell.pop(cell_id, ()):
            self._elements.pop(element_id, None)

    def __len__(self) -> int:
        return len(self._elements)
