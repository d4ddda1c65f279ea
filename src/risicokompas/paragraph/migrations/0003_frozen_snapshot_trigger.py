# SPDX-License-Identifier: EUPL-1.2
"""On PostgreSQL a trigger refuses to change a snapshot's frozen numbers (inputs, result, their hashes,
the engine version) and refuses DELETE, also when the application is bypassed. Removing a whole demo
organisation (load_demo --reset) sets ``risicokompas.delete_snapshots`` in its transaction first."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION paragraph_snapshot_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('risicokompas.delete_snapshots', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'paragraph_snapshot is frozen: DELETE refused';
    END IF;
    IF NEW.inputs IS DISTINCT FROM OLD.inputs
        OR NEW.result IS DISTINCT FROM OLD.result
        OR NEW.input_hash IS DISTINCT FROM OLD.input_hash
        OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
        OR NEW.engine_version IS DISTINCT FROM OLD.engine_version THEN
        RAISE EXCEPTION 'paragraph_snapshot is frozen: its inputs, result and hashes cannot change';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER paragraph_snapshot_frozen
    BEFORE UPDATE OR DELETE ON paragraph_snapshot
    FOR EACH ROW EXECUTE FUNCTION paragraph_snapshot_frozen();
"""

DROP = """
DROP TRIGGER IF EXISTS paragraph_snapshot_frozen ON paragraph_snapshot;
DROP FUNCTION IF EXISTS paragraph_snapshot_frozen();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("paragraph", "0002_move_inputs_out")]
    operations = [migrations.RunPython(create, drop)]
