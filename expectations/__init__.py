"""Validation: the rule catalogue (``rules``) run as great-expectations suites (``suites``).

``validate(docs)`` checks every document of a run in one go; ``background`` runs it in a
process started ahead of time. Names are loaded on first use (PEP 562): importing
``expectations.rules`` or ``expectations.background`` must stay cheap, since a run starts
the validator before anything heavy is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from expectations.frames import DocumentToCheck
    from expectations.suites import FINDINGS_SCHEMA, validate

__all__ = ["FINDINGS_SCHEMA", "DocumentToCheck", "validate"]


def __getattr__(name: str) -> Any:
    if name == "DocumentToCheck":
        from expectations.frames import DocumentToCheck

        return DocumentToCheck
    if name in ("FINDINGS_SCHEMA", "validate"):
        from expectations import suites

        return getattr(suites, name)
    raise AttributeError(f"module 'expectations' has no attribute {name!r}")
