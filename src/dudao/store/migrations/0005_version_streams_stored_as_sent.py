# Written by hand: PostgreSQL stores a version table's stream as it is, out of line, without
# compressing it again. The streams are LZ4 already: TOAST's pglz spent 180 ms of the seed
# city's 230 ms INSERT on them, to save 17 %. Rows stored before keep their form; SQLite has no
# such setting.

from django.db import migrations

COLUMN = "ALTER TABLE store_versiontable ALTER COLUMN arrow SET STORAGE {}"


def stored_as_sent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN.format("EXTERNAL"))


def compressed_again(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN.format("EXTENDED"))


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0004_version_tables"),
    ]

    operations = [
        migrations.RunPython(stored_as_sent, compressed_again),
    ]
