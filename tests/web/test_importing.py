# SPDX-License-Identifier: EUPL-1.2
"""Import logic without the web: mapping database risks to register rows, the difference, applying it."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from tests.fixtures import make_risk
from tests.web.fixtures import make_varied_register

from risicokompas.registerfile import RegisterFileError, register_to_bytes
from risicokompas.risks import exporting, importing
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.views_import import display_value, euro

HEADER = "Id;Risico;Kans;Maximaal financieel gevolg (€);Verdeling;Aard;Jaren\r\n"


def round_trip(organisation, file_format="xlsx"):
    rows = exporting.export_rows(importing.organisation_risks(organisation), organisation.default_shape)
    data = register_to_bytes(rows, format=file_format)
    file_risks = importing.read_upload(data, f"export.{file_format}", organisation)
    return importing.build_plan(organisation, file_risks, importing.organisation_risks(organisation))


def csv_upload(organisation, *lines):
    return importing.read_upload((HEADER + "".join(lines)).encode(), "register.csv", organisation)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_exported_register_reads_back_without_changes(cast, file_format):
    make_varied_register(cast.org)
    plan = round_trip(cast.org, file_format)
    assert (len(plan.new), len(plan.changed), plan.unchanged, len(plan.absent)) == (0, 0, 8, 0)


def test_a_round_trip_keeps_the_default_shape_blank_also_when_the_default_is_fixed(cast):
    cast.org.default_shape = "vast"
    cast.org.save()
    make_varied_register(cast.org)
    assert round_trip(cast.org).changed == ()


def test_a_formula_like_name_is_exported_as_quoted_text(cast):
    make_risk(cast.org, "R01", name='=HYPERLINK("http://x")')
    rows = exporting.export_rows(importing.organisation_risks(cast.org), "uniform")
    sheet = load_workbook(io.BytesIO(register_to_bytes(rows))).active
    assert sheet["B2"].value == '\'=HYPERLINK("http://x")'


def test_a_row_without_verdeling_stores_a_blank_shape_and_one_with_it_the_shape(cast):
    risks = csv_upload(cast.org, "N1;Nieuw;30%;1000;;;\r\n", "N2;Nieuw 2;30%;1000;vast;;\r\n")
    assert [item.values["shape"] for item in risks] == ["", "vast"]


def test_amounts_and_probabilities_are_exact_decimals(cast):
    (item,) = csv_upload(cast.org, "N1;Nieuw;12,345%;1.250.000,99;vast;;\r\n")
    assert item.values["probability"] == Decimal("0.12345")
    assert item.values["impact_max"] == Decimal("1250000.99")


def test_naming_the_default_shape_explicitly_is_no_change(cast):
    make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    plan = importing.build_plan(
        cast.org,
        csv_upload(cast.org, "R01;Risico R01;30%;1000;uniform;;\r\n"),
        importing.organisation_risks(cast.org),
    )
    assert plan.unchanged == 1


def test_a_changed_row_lists_each_field_with_old_and_new_value(cast):
    make_risk(cast.org, "R01", name="Oud", impact_max=Decimal("1000"))
    file_risks = csv_upload(cast.org, "R01;Nieuw;40%;2000,50;;structureel;2\r\n")
    (update,) = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).changed
    shown = {c.label: (display_value(c.field, c.old), display_value(c.field, c.new)) for c in update.changes}
    assert shown == {
        "Risico": ("Oud", "Nieuw"),
        "Kans": ("30%", "40%"),
        "Maximaal gevolg (€)": ("€ 1.000", "€ 2.000,50"),
        "Aard": ("Incidenteel", "Structureel"),
        "Jaren (structureel)": ("—", "2"),
    }
    assert update.values == {
        "name": "Nieuw",
        "probability": Decimal("0.4"),
        "impact_max": Decimal("2000.50"),
        "nature": "structureel",
        "years": 2,
    }


def test_a_row_without_id_may_not_take_the_code_of_an_existing_risk(cast):
    make_risk(cast.org, "R2")
    file_risks = csv_upload(cast.org, ";Zonder id;30%;1000;;;\r\n")
    with pytest.raises(RegisterFileError) as raised:
        importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org))
    assert "Rij 2, kolom Id: het id ontbreekt" in raised.value.messages[0]


def test_a_name_longer_than_the_register_allows_is_a_problem_of_its_row(cast):
    with pytest.raises(RegisterFileError) as raised:
        csv_upload(cast.org, f"N1;{'x' * 301};30%;1000;;;\r\n")
    assert raised.value.messages == ["Rij 2, kolom Risico: de tekst is langer dan 300 tekens"]


def test_unquantified_risks_are_exported_as_pm_and_read_back_unchanged(cast):
    make_risk(cast.org, "R01")
    make_risk(cast.org, "R02", probability=None)
    plan = round_trip(cast.org)
    assert plan.not_exportable == ()
    assert (len(plan.new), len(plan.changed), plan.unchanged, plan.absent) == (0, 0, 2, ())


def test_applying_writes_history_with_source_import_and_the_reason(cast):
    make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    make_risk(cast.org, "R09")
    file_risks = csv_upload(cast.org, "R01;Risico R01;30%;2000;;;\r\n", "N1;Nieuw;10%;500;;;\r\n")
    plan = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org))
    result = importing.apply_import(
        cast.org, cast.controller, file_risks, digest=plan.digest, reason="Import q3.csv", close_absent=True
    )
    assert (result.new, result.changed, result.closed) == (1, 1, 1)
    assert Risk.objects.get(code="R09").status == Risk.Status.CLOSED
    changes = RiskChange.objects.filter(risk__organisation=cast.org)
    assert {(c.risk.code, c.source, c.reason) for c in changes} == {
        ("R01", "import", "Import q3.csv"),
        ("N1", "import", "Import q3.csv"),
        ("R09", "import", "Import q3.csv"),
    }


def test_applying_a_stale_difference_changes_nothing(cast):
    risk = make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    file_risks = csv_upload(cast.org, "R01;Risico R01;30%;2000;;;\r\n", "N1;Nieuw;10%;500;;;\r\n")
    digest = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).digest
    Risk.objects.filter(pk=risk.pk).update(impact_max=Decimal("1500"))
    with pytest.raises(importing.StalePreview):
        importing.apply_import(
            cast.org, cast.controller, file_risks, digest=digest, reason="x", close_absent=False
        )
    assert not Risk.objects.filter(code="N1").exists()


def test_a_failure_halfway_rolls_back_every_change(cast, monkeypatch):
    from risicokompas.risks.services import ChangeRefused

    make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    file_risks = csv_upload(cast.org, "R01;Risico R01;30%;2000;;;\r\n", "N1;Nieuw;10%;500;;;\r\n")
    digest = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).digest

    def refuse(*args, **kwargs):
        raise ChangeRefused("nee")

    monkeypatch.setattr(importing, "update_risk", refuse)
    with pytest.raises(ChangeRefused):
        importing.apply_import(
            cast.org, cast.controller, file_risks, digest=digest, reason="x", close_absent=False
        )
    assert not Risk.objects.filter(code="N1").exists()
    assert Risk.objects.get(code="R01").impact_max == Decimal("1000")
    assert not RiskChange.objects.exists()


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal("1250000.5"), "€ 1.250.000,50"), (Decimal("1000"), "€ 1.000"), (Decimal("0.07"), "€ 0,07")],
)
def test_amounts_are_shown_in_dutch_notation(amount, text):
    assert euro(amount) == text


def test_columns_the_file_lacks_are_left_alone_but_its_empty_cells_count(cast):
    make_risk(
        cast.org, "R01", impact_max=Decimal("1000"), nature=Risk.Nature.STRUCTURAL, years=4, group="grex"
    )
    file_risks = csv_upload(cast.org, "R01;Risico R01;30%;1000;;;\r\n")  # no programma or groep column
    (update,) = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).changed
    assert update.values == {"nature": "incidenteel", "years": None}


def test_only_the_files_own_note_columns_replace_notes(cast):
    make_risk(cast.org, "R01", impact_max=Decimal("1000"), notes={"Bron": "audit", "Status": "oud"})
    data = "Id;Risico;Kans;Maximaal financieel gevolg (€);Status\r\nR01;Risico R01;30%;1000;nieuw\r\n"
    file_risks = importing.read_upload(data.encode(), "r.csv", cast.org)
    (update,) = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).changed
    assert update.values == {"notes": {"Bron": "audit", "Status": "nieuw"}}


def test_a_new_shape_that_uses_fewer_amounts_leaves_the_unused_ones_alone(cast):
    make_risk(
        cast.org,
        "R01",
        shape="driehoek",
        impact_min=Decimal("10"),
        impact_mode=Decimal("50"),
        impact_max=Decimal("100"),
    )
    file_risks = csv_upload(cast.org, "R01;Risico R01;30%;100;vast;;\r\n")
    (update,) = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org)).changed
    assert update.values == {"shape": "vast"}
