"""The 15 Jiangsu provincial disclosures' 收支预算总表 (T01) against a peer's CSVs.

``../shared/realworld/jiangsu/<department>/收支预算总表.csv`` holds what the open-budget
parser (camelot) extracted from each department's 收支预算总表, one row per year, amounts
in 万元 — software output, not a transcription, so a disagreement is a question. For every
PDF, the T01 this project reads is matched to the CSV row of its fiscal year by label
(ordinals and spaces stripped) and each shared amount compared; the PDFs without a T01
(narrative volumes whose tables are a separate file) are listed as such.

Writes section ``jiangsu`` of bench/RESULTS.md, with the explanations of the known
disagreements (EXPLAINED) beside them.

Run: ``python bench/jiangsu.py``
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))

from _results import write_section  # noqa: E402

from extractors import extract  # noqa: E402
from extractors.money import NUMBERED  # noqa: E402
from normalize.text import compact  # noqa: E402

JIANGSU = ROOT.parent / "shared" / "realworld" / "jiangsu"

#: (file name, CSV column) -> why the two disagree, checked against the page image.
#: Empty: every value compared agrees (65 of 65 with /Rotate 90 pages read, see NOT_READ).
EXPLAINED: dict[tuple[str, str], str] = {}

_VOLUME = "narrative volume: its 第二部分 says the tables are a separate file (公开表附后)"
_TURNED = (
    "tables on /Rotate 90 pages: their glyphs fall in the wrong cells until the glyph "
    "rotation of branch money2 (47f66eb) is merged; with it the T01 is read whole"
)
#: file name -> why its T01 is not read (or not whole), checked against the page images;
#: shown only while it is not
NOT_READ: dict[str, str] = {
    "江苏省人大常委会2019年度部门预算公开.pdf": _VOLUME,
    "江苏省委办公厅2017年部门预算.pdf": _VOLUME,
    "江苏省委办公厅2018年度部门预算公开文件.pdf": _VOLUME,
    "江苏省委办公厅2019年度部门预算公开文件.pdf": _VOLUME,
    "江苏省政协办公厅2017年度部门预算.pdf": _VOLUME,
    "江苏省政协办公厅2018年度部门预算.pdf": _VOLUME,
    "江苏省政协办公厅2019年度部门预算.pdf": _VOLUME
    + "; no year either: its cover title is an image, and no text names the issuer",
    "江苏省人大常委会办公厅2019年部门预算公开表.pdf": _TURNED,
    "江苏省委办公厅2018年度部门预算公开表.pdf": _TURNED,
    "江苏省委办公厅2019年度部门预算公开表格.pdf": _TURNED
    + "; then its expense side is still missing: camelot's vector engine does not see "
    "the ruling between each expense name and its amount (drawn as 1 pt filled "
    "rectangles; the rendered-page engine sees them), so name and amount are one cell",
}


def label_key(label: str) -> str:
    """A T01 label as the CSV names its column: no ordinal, no spaces, no 其中."""
    key = compact(label).removeprefix("其中：").removeprefix("其中:")
    return NUMBERED.sub("", key)


def read_t01(pdf: Path) -> tuple[int | None, dict[str, Decimal]]:
    """The fiscal year and the T01 amounts by label key (万元), first occurrence."""
    annex = extract(pdf)
    values: dict[str, Decimal] = {}
    for table in annex.money_tables:
        if table.kind != "T01":
            continue
        factor = Decimal(1) if table.unit == "万元" else Decimal("0.0001")
        for line in table.lines:
            for amount in line.amounts:
                if amount.measure not in ("income", "expense", "income_total", "expense_total"):
                    continue
                try:
                    value = Decimal(amount.printed.replace(",", "")) * factor
                except ArithmeticError:
                    continue
                values.setdefault(label_key(line.label), value)
        break
    return annex.fiscal_year, values


def main() -> None:
    rows: list[str] = []
    agree = compared = 0
    for folder in sorted(p for p in JIANGSU.iterdir() if p.is_dir()):
        peer: dict[str, dict[str, str]] = {}
        if (folder / "收支预算总表.csv").is_file():  # not every department has one
            with (folder / "收支预算总表.csv").open(encoding="utf-8") as f:
                peer = {r[""][:4]: r for r in csv.DictReader(f)}
        for pdf in sorted(folder.glob("*.pdf")):
            year, values = read_t01(pdf)
            row = peer.get(str(year), {})
            why = NOT_READ.get(pdf.name, "")
            if not peer:
                note = f"; {why}" if why and not values else ""
                rows.append(
                    f"| {folder.name} | {pdf.name} | {year} | {len(values)} lines | – | "
                    f"no peer CSV for this department{note} |"
                )
                continue
            if not values:
                rows.append(f"| {folder.name} | {pdf.name} | {year} | no T01 read | – | {why} |")
                continue
            shared = [c for c in row if c and row[c] and c in values]
            wrong = [c for c in shared if Decimal(row[c]) != values[c]]
            compared += len(shared)
            agree += len(shared) - len(wrong)
            notes = "; ".join(
                f"{c}: ours {values[c]} / CSV {row[c]}"
                + (f" — {EXPLAINED[(pdf.name, c)]}" if (pdf.name, c) in EXPLAINED else "")
                for c in wrong
            )
            missing = [c for c in row if c and row[c] and c not in values]
            if missing:
                notes += ("; " if notes else "") + "not in our T01: " + "、".join(missing)
                notes += f" — {why}" if why else ""
            rows.append(
                f"| {folder.name} | {pdf.name} | {year} | {len(values)} lines | "
                f"{len(shared) - len(wrong)}/{len(shared)} | {notes} |"
            )
    body = "\n".join(
        [
            "## Jiangsu 收支预算总表 against the peer's CSVs",
            "",
            "`python bench/jiangsu.py`: every PDF of `../shared/realworld/jiangsu`, its T01 "
            "read by this project, each amount the peer's CSV has for that label and year "
            "compared exactly (万元).",
            "",
            f"**{agree} of {compared} shared values agree.**",
            "",
            "| department | file | year | T01 read | agree | disagreements (ours / CSV) |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )
    print("\n".join(rows))
    write_section("jiangsu", body)
    print(f"{agree}/{compared} agree")


if __name__ == "__main__":
    main()
