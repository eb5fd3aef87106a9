# Written by hand: a version's table becomes one Arrow stream (VersionTable) instead of one JSON
# Record per row. Records stored before are copied, and kept: stored rows are never deleted.

import io

import django.db.models.deletion
import pyarrow.json as pa_json
from django.db import migrations, models
from django.db.models import TextField
from django.db.models.functions import Cast

from dudao.catalogue import default_catalogue
from dudao.store.rows import arrow_from_json, encode_rows

TABLE = "store_versiontable"
APPEND_ONLY = {
    "sqlite": [
        f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{TABLE}: stored rows are append-only'); END",
        f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{TABLE}: stored rows are append-only'); END",
    ],
    "postgresql": [  # store_append_only() comes from 0003
        f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION store_append_only()",
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION store_append_only()",
    ],
}
DROP_APPEND_ONLY = {
    "sqlite": [f"DROP TRIGGER IF EXISTS {TABLE}_{change}" for change in ("no_update", "no_delete")],
    "postgresql": [
        f"DROP TRIGGER IF EXISTS {TABLE}_{change} ON {TABLE}"
        for change in ("no_change", "no_truncate")
    ],
}


def records_to_tables(apps, schema_editor):
    """Each (version, table) of Records becomes one VersionTable, rows in their order, typed by
    the catalogue (fields it no longer declares stay in the Records only); a table the
    catalogue no longer has keeps the types Arrow reads from its JSON."""
    record_model = apps.get_model("store", "Record")
    table_model = apps.get_model("store", "VersionTable")
    tables = default_catalogue().tables
    held = record_model.objects.values_list("version_id", "table_id").distinct()
    for version_id, table_id in sorted(held):
        stored = (
            record_model.objects.filter(version_id=version_id, table_id=table_id)
            .order_by("row")
            .annotate(text=Cast("values", TextField()))
            .values_list("row", "text")
        )
        numbers, texts = zip(*stored, strict=True)
        if table_id in tables:
            rows = arrow_from_json(tables[table_id], texts)
        else:
            rows = pa_json.read_json(io.BytesIO("\n".join(texts).encode()))
        encoded = encode_rows(rows, numbers)
        table_model.objects.create(
            version_id=version_id, table_id=table_id, rows=encoded.rows,
            sha256=encoded.sha256, arrow=encoded.arrow,
        )  # fmt: skip


def append_only(apps, schema_editor):
    for statement in APPEND_ONLY.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_append_only(apps, schema_editor):
    for statement in DROP_APPEND_ONLY.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0003_approval_events"),
    ]

    operations = [
        migrations.CreateModel(
            name="VersionTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("table_id", models.CharField(max_length=64)),
                ("rows", models.PositiveIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("arrow", models.BinaryField()),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="held",
                        to="store.submissionversion",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("table_id", "version"), name="store_version_table_once"
                    )
                ],
            },
        ),
        migrations.RunPython(records_to_tables, migrations.RunPython.noop),
        migrations.RunPython(append_only, drop_append_only),
    ]
