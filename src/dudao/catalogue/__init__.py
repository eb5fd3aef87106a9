"""The catalogue: every table, field, code list, school set, finding and indicator, as data."""

from dudao.catalogue.arrow import arrow_schema, empty_table
from dudao.catalogue.errors import CatalogueError, CatalogueProblem
from dudao.catalogue.indicators import (
    ComplianceTest,
    Holding,
    Indicator,
    Measure,
    Operand,
    format_half_up,
)
from dudao.catalogue.loader import Catalogue, default_catalogue, load_catalogue
from dudao.catalogue.models import (
    Code,
    CodeList,
    FieldDef,
    FieldType,
    FindingType,
    Label,
    Language,
    SchoolSet,
    Severity,
    TableDef,
    TableKind,
)

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueProblem",
    "Code",
    "CodeList",
    "ComplianceTest",
    "FieldDef",
    "FieldType",
    "FindingType",
    "Holding",
    "Indicator",
    "Label",
    "Language",
    "Measure",
    "Operand",
    "SchoolSet",
    "Severity",
    "TableDef",
    "TableKind",
    "arrow_schema",
    "default_catalogue",
    "empty_table",
    "format_half_up",
    "load_catalogue",
]
