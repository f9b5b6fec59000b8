"""The warehouse schema, declared once: SQLAlchemy 2 typed models of a small star schema.

Dimensions: ``dim_issuer`` (department), ``dim_indicator_category`` (canonical taxonomy).
Facts: ``fct_project_funding`` (project x horizon), ``fct_indicator_target`` (indicator x
horizon), each traceable to its document, page, table (``source_table``) and row.
``document`` holds one row per submitted file; ``project`` the projects of a document;
``etl_run`` and ``finding`` the runs and what validation found. Contract views (``v_*``)
live in ``warehouse.views``.

Keys use explicit sequences: DuckDB has no IDENTITY/SERIAL, PostgreSQL takes both.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    Sequence,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Yuan = Numeric(20, 2)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id(seq: str) -> Mapped[int]:
    # The server default lets bulk (Arrow/COPY) loads omit keys.
    return mapped_column(
        Integer, Sequence(seq), server_default=text(f"nextval('{seq}')"), primary_key=True
    )


class EtlRun(Base):
    __tablename__ = "etl_run"
    run_id: Mapped[int] = _id("etl_run_id_seq")
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    loaded: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)


class DimIssuer(Base):
    __tablename__ = "dim_issuer"
    issuer_id: Mapped[int] = _id("dim_issuer_id_seq")
    issuer_name: Mapped[str] = mapped_column(String(200), unique=True)
    city: Mapped[str | None] = mapped_column(String(50))


class DimFiscalYear(Base):
    __tablename__ = "dim_fiscal_year"
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class DimImplementingUnit(Base):
    """实施单位 as printed: the same unit across departments and years."""

    __tablename__ = "dim_implementing_unit"
    unit_id: Mapped[int] = _id("dim_implementing_unit_id_seq")
    unit_name: Mapped[str] = mapped_column(String(200), unique=True)
    city: Mapped[str | None] = mapped_column(String(50))


class DimUnit(Base):
    """Canonical units of measure: the unit registry's codes (normalize/data/units.csv)
    and the rates composed from them (yuan_per_person_day)."""

    __tablename__ = "dim_unit"
    unit_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    printed: Mapped[str] = mapped_column(String(60))


class DimIndicatorCategory(Base):
    __tablename__ = "dim_indicator_category"
    category_id: Mapped[int] = _id("dim_indicator_category_id_seq")
    level1: Mapped[str] = mapped_column(String(50))
    level2: Mapped[str] = mapped_column(String(100))
    is_canonical: Mapped[bool] = mapped_column(default=True)
    __table_args__ = (UniqueConstraint("level1", "level2"),)


class Document(Base):
    __tablename__ = "document"
    document_id: Mapped[int] = _id("document_id_seq")
    document_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    issuer_id: Mapped[int] = mapped_column(ForeignKey("dim_issuer.issuer_id"))
    fiscal_year: Mapped[int] = mapped_column(ForeignKey("dim_fiscal_year.fiscal_year"))
    page_count: Mapped[int] = mapped_column(Integer)
    producer: Mapped[str | None] = mapped_column(String(200))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    run_id: Mapped[int] = mapped_column(ForeignKey("etl_run.run_id"))
    # NULL while any part of it is current; otherwise the document that replaced its last
    # current part (``supersession`` says part by part, and why).
    superseded_by_id: Mapped[int | None] = mapped_column(Integer)


class DocumentScope(Base):
    """What a document is beside whose it is (migration 0009): the scope its cover prints
    after the issuer (本级 | 汇总 | "") and the kind of document (部门预算 | 单位预算 | 部门决算
    … | "" without a cover). A table of its own: DuckDB cannot add columns to
    ``document``, which other tables reference."""

    __tablename__ = "document_scope"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10), server_default=text("''"))
    document_kind: Mapped[str] = mapped_column(String(20), server_default=text("''"))


class DocumentPart(Base):
    """The kinds of content a document holds, its part: target sets by kind (project |
    department | transfer) and money tables by kind (T01 …). A later document replaces an
    earlier one part by part, only where it repeats it."""

    __tablename__ = "document_part"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(20), primary_key=True)


class Supersession(Base):
    """History: which document replaced which part of an earlier one, when, and why."""

    __tablename__ = "supersession"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(20), primary_key=True)
    superseded_by_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"))
    reason: Mapped[str] = mapped_column(Text)
    superseded_at: Mapped[datetime] = mapped_column(DateTime)


class Project(Base):
    __tablename__ = "project"
    project_id: Mapped[int] = _id("project_id_seq")
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"))
    project_seq: Mapped[int] = mapped_column(Integer)
    project_name: Mapped[str] = mapped_column(Text)
    implementing_unit: Mapped[str | None] = mapped_column(Text)
    implementing_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("dim_implementing_unit.unit_id")
    )
    project_attribute: Mapped[str | None] = mapped_column(String(50))
    funding_unit: Mapped[str] = mapped_column(String(10))
    source_page: Mapped[int] = mapped_column(Integer)
    table_accuracy: Mapped[float | None]
    __table_args__ = (UniqueConstraint("document_id", "project_seq"),)


class TargetSet(Base):
    """What kind of target set a ``project`` row is, and the fields the real published
    families add (migration 0007). A table of its own: DuckDB cannot add columns to a
    table other tables reference."""

    __tablename__ = "target_set"
    project_id: Mapped[int] = mapped_column(ForeignKey("project.project_id"), primary_key=True)
    #: project | department (部门整体) | transfer (转移支付): whose targets the set holds
    set_kind: Mapped[str] = mapped_column(String(20))
    project_code: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(Text)  # 主管部门, without its code
    #: 项目属性 as 新增 / 延续 / 一次性 (the printed text stays in project.project_attribute)
    attribute_kind: Mapped[str | None] = mapped_column(String(20))
    #: target (a 绩效目标表) | self_evaluation (a 部门决算's 绩效自评表: the year's targets
    #: beside what was achieved); the score its 总分 row prints (migration 0014)
    table_kind: Mapped[str | None] = mapped_column(String(20), server_default=text("'target'"))
    score_total: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))


class SourceTable(Base):
    """Lineage: each ruled table a document was read from, with camelot's parsing report."""

    __tablename__ = "source_table"
    source_table_id: Mapped[int] = _id("source_table_id_seq")
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"))
    page: Mapped[int] = mapped_column(Integer)
    table_index: Mapped[int] = mapped_column(Integer)  # order on the page, top to bottom
    accuracy: Mapped[float]
    whitespace: Mapped[float]
    n_rows: Mapped[int] = mapped_column(Integer)
    n_cols: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("document_id", "page", "table_index"),)


class FctProjectFunding(Base):
    __tablename__ = "fct_project_funding"
    funding_id: Mapped[int] = _id("fct_project_funding_id_seq")
    project_id: Mapped[int] = mapped_column(ForeignKey("project.project_id"))
    horizon: Mapped[str] = mapped_column(String(10))
    period_start_year: Mapped[int | None] = mapped_column(Integer)
    period_end_year: Mapped[int | None] = mapped_column(Integer)
    total_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    fiscal_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    other_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    __table_args__ = (UniqueConstraint("project_id", "horizon"),)


class FctIndicatorTarget(Base):
    __tablename__ = "fct_indicator_target"
    target_id: Mapped[int] = _id("fct_indicator_target_id_seq")
    project_id: Mapped[int] = mapped_column(ForeignKey("project.project_id"))
    horizon: Mapped[str] = mapped_column(String(10))
    row_seq: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("dim_indicator_category.category_id")
    )
    level1_raw: Mapped[str | None] = mapped_column(String(100))
    level2_raw: Mapped[str | None] = mapped_column(String(100))
    indicator_name: Mapped[str | None] = mapped_column(Text)
    target_text: Mapped[str | None] = mapped_column(Text)
    standard_text: Mapped[str | None] = mapped_column(Text)
    target_op: Mapped[str | None] = mapped_column(String(4))
    target_value: Mapped[Decimal | None] = mapped_column(Numeric(24, 4))
    target_unit: Mapped[str | None] = mapped_column(String(60), ForeignKey("dim_unit.unit_code"))
    target_kind: Mapped[str] = mapped_column(String(20))
    target_date: Mapped[date | None] = mapped_column(Date)
    target_grade: Mapped[int | None] = mapped_column(SmallInteger)
    source_page: Mapped[int] = mapped_column(Integer)
    source_table: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    source_row: Mapped[int] = mapped_column(Integer)
    weight: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))  # 分值 / 权重 as printed
    # the unit as printed (NULL: none printed), its dimension, and the value in the
    # dimension's base unit (NULL where the unit does not convert)
    target_unit_printed: Mapped[str | None] = mapped_column(Text)
    unit_dimension: Mapped[str | None] = mapped_column(String(20))
    target_value_base: Mapped[Decimal | None] = mapped_column(Numeric(38, 10))
    activity: Mapped[str | None] = mapped_column(Text)  # 活动, where a form groups rows by it
    # a self-evaluation's 实际完成值 as printed, its number and canonical unit (read as the
    # target is), and the 得分 it earned (migration 0014; NULL in a target table)
    actual_text: Mapped[str | None] = mapped_column(Text)
    actual_value: Mapped[Decimal | None] = mapped_column(Numeric(24, 4))
    actual_unit: Mapped[str | None] = mapped_column(String(60))
    score: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    __table_args__ = (UniqueConstraint("project_id", "row_seq"),)


class Finding(Base):
    __tablename__ = "finding"
    finding_id: Mapped[int] = _id("finding_id_seq")
    run_id: Mapped[int] = mapped_column(ForeignKey("etl_run.run_id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"))
    project_seq: Mapped[int | None] = mapped_column(Integer)
    horizon: Mapped[str | None] = mapped_column(String(10))
    row_seq: Mapped[int | None] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(50))
    severity: Mapped[str] = mapped_column(String(10))
    detail: Mapped[str] = mapped_column(Text)
    indicator_name: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    source_page: Mapped[int | None] = mapped_column(Integer)


class Rejection(Base):
    """A file a run did not load (rejected, failed, no_tables): nothing of its content is
    kept, only what a reviewer must be told."""

    __tablename__ = "rejection"
    rejection_id: Mapped[int] = _id("rejection_id_seq")
    run_id: Mapped[int] = mapped_column(ForeignKey("etl_run.run_id"))
    document_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))
    reason_code: Mapped[str | None] = mapped_column(String(50))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AlertDelivery(Base):
    """What was sent where: an alert item (document + rule + project) goes once per channel."""

    __tablename__ = "alert_delivery"
    delivery_id: Mapped[int] = _id("alert_delivery_id_seq")
    channel: Mapped[str] = mapped_column(String(64))  # sha256 of the Apprise URL
    item_key: Mapped[str] = mapped_column(String(200))  # sha256:rule:project_seq
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("channel", "item_key"),)


# --- the standard money tables (DESIGN §7, migration 0010) ------------------------------


class DimFunctionClass(Base):
    """功能分类 科目: a code's level and name per 科目 edition (the fiscal year of the
    documents that print it), as the documents print them beside their codes."""

    __tablename__ = "dim_function_class"
    function_code: Mapped[str] = mapped_column(String(7), primary_key=True)
    edition_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    function_level: Mapped[str | None] = mapped_column(String(2))  # 类 | 款 | 项
    function_name: Mapped[str] = mapped_column(Text)


class DimEconomicClass(Base):
    """支出经济分类: ``scheme`` department (部门预算, 301/30101) or government (政府预算,
    501/50101), a code's name per edition year, as printed."""

    __tablename__ = "dim_economic_class"
    scheme: Mapped[str] = mapped_column(String(10), primary_key=True)
    economic_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    edition_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    economic_name: Mapped[str] = mapped_column(Text)


class BudgetTable(Base):
    """One money table a document prints: its kind (T01–T09, X_*), printed number and
    title, unit, pages, and whether it was printed empty (空表)."""

    __tablename__ = "budget_table"
    budget_table_id: Mapped[int] = _id("budget_table_id_seq")
    document_id: Mapped[int] = mapped_column(ForeignKey("document.document_id"))
    table_seq: Mapped[int] = mapped_column(Integer)
    table_kind: Mapped[str] = mapped_column(String(30))
    table_number_printed: Mapped[str | None] = mapped_column(String(30))
    table_title: Mapped[str] = mapped_column(Text)
    unit_printed: Mapped[str] = mapped_column(String(10))
    pages: Mapped[str] = mapped_column(String(200))
    lines: Mapped[int] = mapped_column(Integer)
    empty: Mapped[bool]
    __table_args__ = (UniqueConstraint("document_id", "table_seq"),)


class FctBudgetLine(Base):
    """One printed line x amount column of a money table (long form): the amount exact in
    yuan beside the amount as printed, and one unit of its last printed place in yuan."""

    __tablename__ = "fct_budget_line"
    budget_line_id: Mapped[int] = _id("fct_budget_line_id_seq")
    budget_table_id: Mapped[int] = mapped_column(ForeignKey("budget_table.budget_table_id"))
    line_seq: Mapped[int] = mapped_column(Integer)
    line_label: Mapped[str] = mapped_column(Text)
    function_code: Mapped[str | None] = mapped_column(String(7))
    function_level: Mapped[str | None] = mapped_column(String(2))
    economic_code: Mapped[str | None] = mapped_column(String(10))
    economic_code_gov: Mapped[str | None] = mapped_column(String(10))
    is_total: Mapped[bool]
    measure: Mapped[str] = mapped_column(String(100))
    measure_raw: Mapped[str | None] = mapped_column(Text)
    amount_printed: Mapped[str] = mapped_column(String(60))
    amount_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    unit_printed: Mapped[str] = mapped_column(String(10))
    precision_yuan: Mapped[Decimal] = mapped_column(Yuan)
    source_page: Mapped[int] = mapped_column(Integer)
    source_table: Mapped[int] = mapped_column(Integer)
    source_row: Mapped[int] = mapped_column(Integer)
    # added by 0012: the 预算单位 a per-unit row names ("" for the table's own lines) and
    # a T07 line's 三公 part (normalize.money.sangong_parts)
    unit_name: Mapped[str | None] = mapped_column(Text)
    sangong_part: Mapped[str | None] = mapped_column(Text)
    # added by 0013: the classification the line's name belongs to (function | economic |
    # economic_gov), from its code or its label column's header; NULL when neither says
    classification: Mapped[str | None] = mapped_column(String(20))
