"""The accuracy report over the whole golden corpus must read 100% of fields."""

from __future__ import annotations

import pytest

from fixtures.accuracy import main


def test_golden_corpus_is_read_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["-v"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith(" 100.00%")
