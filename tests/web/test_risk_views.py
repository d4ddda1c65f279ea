# SPDX-License-Identifier: EUPL-1.2
"""The risk page, creating and editing risks, measures: access, validation, history, optimistic locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.risks.models import Measure, Risk, RiskChange
from risicokompas.risks.services import update_risk


def risk_post(risk: Risk | None = None, **changes) -> dict:
    """The form data of a risk as the edit form would send it unchanged, with some fields replaced."""
    data = {
        "code": "R10",
        "name": "Uitval ICT",
        "cause": "",
        "event": "",
        "consequence": "",
        "description": "",
        "programme": "Bedrijfsvoering",
        "owner": "",
        "probability": "30",
        "shape": "",
        "impact_min": "",
        "impact_mode": "",
        "impact_max": "1.000.000",
        "nature": "incidenteel",
        "years": "",
        "group": "",
        "status": "open",
        "review_date": "",
        "reason": "",
    }
    if risk is not None:
        data.update(
            code=risk.code,
            name=risk.name,
            programme=risk.programme,
            owner=risk.owner_id or "",
            probability=str(risk.probability * 100) if risk.probability is not None else "",
            impact_max=str(risk.impact_max) if risk.impact_max is not None else "",
            version=risk.version,
        )
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- the risk page -----------------------------------------------------------------------------------------


def test_the_risk_page_shows_estimate_measures_and_readable_history(client, cast, login):
    risk = make_risk(cast.org, "R01", cause="Verouderde servers", impact_max=Decimal("1250000"))
    Measure.objects.create(risk=risk, description="Back-up testen", impact_factor=Decimal("0.5"))
    update_risk(
        risk, cast.controller, {"probability": Decimal("0.45")}, reason="Nieuwe audit", expected_version=1
    )
    login(cast.reader)
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "<h1" in page and "Verouderde servers" in page
    assert "€ 1.250.000" in page and "45%" in page
    assert "Uniform tussen 0 en het maximum" in page  # the organisation's default shape, named
    assert "Back-up testen" in page and "0,5" in page
    assert "Nieuwe audit" in page and "controller" in page
    assert "kans: 30%" in page and "45%" in page
    assert "Risico wijzigen" not in page  # a reader sees no edit button


def test_the_risk_page_marks_an_overdue_review_in_words(client, cast, login):
    risk = make_risk(cast.org, "R01", review_date="2020-01-01")
    login(cast.employee)
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "is verlopen" in page


def test_another_organisations_risk_page_is_not_found(client, cast, login):
    risk = make_risk(cast.other_org, "B01")
    login(cast.controller)
    assert client.get(reverse("risks:detail", args=[risk.pk])).status_code == 404


def test_the_owner_sees_edit_buttons_only_on_their_own_risks(client, cast, login):
    own = make_risk(cast.org, "R01", owner=cast.membership(cast.owner))
    other = make_risk(cast.org, "R02")
    login(cast.owner)
    assert "Risico wijzigen" in client.get(reverse("risks:detail", args=[own.pk])).content.decode()
    assert "Risico wijzigen" not in client.get(reverse("risks:detail", args=[other.pk])).content.decode()


# --- creating ----------------------------------------------------------------------------------------------


def test_a_controller_creates_a_risk_from_dutch_input(client, cast, login):
    login(cast.controller)
    response = client.post(
        reverse("risks:create"), risk_post(probability="30,5%", impact_max="€ 1.250.000,50")
    )
    risk = Risk.objects.get(organisation=cast.org, code="R10")
    assert response.status_code == 302 and response.url == reverse("risks:detail", args=[risk.pk])
    assert risk.probability == Decimal("0.305")
    assert risk.impact_max == Decimal("1250000.50")
    change = risk.changes.get()
    assert change.created and change.changed_by == cast.controller


def test_a_risk_owner_creates_a_risk_that_is_theirs(client, cast, login):
    login(cast.owner)
    client.post(reverse("risks:create"), risk_post())
    assert Risk.objects.get(code="R10").owner == cast.membership(cast.owner)


@pytest.mark.parametrize("role", ["employee", "reader"])
def test_employees_and_readers_may_not_create_risks(client, cast, login, role):
    login(getattr(cast, role))
    assert client.get(reverse("risks:create")).status_code == 403
    assert client.post(reverse("risks:create"), risk_post()).status_code == 403
    assert not Risk.objects.exists()


def test_it_rejects_probability_above_100_with_a_dutch_message(client, cast, login):
    login(cast.controller)
    response = client.post(reverse("risks:create"), risk_post(probability="140"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "140% ligt niet tussen 0% en 100%" in page
    assert 'aria-describedby="id_probability_helptext id_probability_error"' in page
    assert 'id="id_probability_error"' in page
    assert not Risk.objects.exists()


def test_it_rejects_a_negative_amount(client, cast, login):
    login(cast.controller)
    response = client.post(reverse("risks:create"), risk_post(impact_max="-5.000"))
    assert "mag niet negatief zijn" in response.content.decode()
    assert not Risk.objects.exists()


def test_it_puts_an_impossible_shape_on_the_amount_it_concerns(client, cast, login):
    login(cast.controller)
    response = client.post(
        reverse("risks:create"),
        risk_post(shape="driehoek", impact_min="100.000", impact_mode="900.000", impact_max="500.000"),
    )
    assert (
        response.context["form"].errors["impact_mode"][0]
        == "Het meest waarschijnlijke gevolg (€ 900.000) ligt niet tussen het minimale (€ 100.000) en het "
        "maximale gevolg (€ 500.000)."
    )
    assert not Risk.objects.exists()


def test_it_refuses_a_code_the_organisation_already_uses(client, cast, login):
    make_risk(cast.org, "R10")
    make_risk(cast.other_org, "R11")
    login(cast.controller)
    response = client.post(reverse("risks:create"), risk_post())
    assert "Er is al een risico met id R10." in response.content.decode()
    client.post(reverse("risks:create"), risk_post(code="R11"))  # the other organisation's code is free
    assert Risk.objects.filter(organisation=cast.org, code="R11").exists()


# --- editing -----------------------------------------------------------------------------------------------


def test_an_estimate_change_is_saved_with_its_reason_and_old_and_new_values(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        risk_post(risk, probability="45", impact_max="2.000.000", reason="Nieuwe raming"),
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.45") and risk.version == 2
    change = risk.changes.get(created=False)
    assert change.reason == "Nieuwe raming" and change.changed_by == cast.controller
    next_review = risk.review_date.isoformat()  # a reassessment moves the review date (see below)
    assert change.changes == {
        "probability": ["0.3", "0.45"],
        "impact_max": ["1000000", "2000000"],
        "review_date": [None, next_review],
    }
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "maximaal gevolg (€): € 1.000.000" in page and "€ 2.000.000" in page


def test_an_estimate_change_without_a_reason_is_refused(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    response = client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, probability="45"))
    assert response.status_code == 200
    assert (
        "Geef een reden voor deze wijziging van de inschatting." in response.context["form"].errors["reason"]
    )
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.3") and not risk.changes.exists()


def test_a_status_change_needs_a_reason_too(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, status="gesloten"))
    risk.refresh_from_db()
    assert risk.status == "open"


def test_a_name_change_needs_no_reason(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, name="Beter geformuleerd"))
    risk.refresh_from_db()
    assert risk.name == "Beter geformuleerd"
    assert risk.changes.get().changes == {"name": ["Risico R01", "Beter geformuleerd"]}


def test_a_concurrent_edit_is_refused_and_shows_both_versions(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    first = risk_post(risk, probability="40", reason="Eerste")
    second = risk_post(risk, probability="60", reason="Tweede")  # opened from the same version
    assert client.post(reverse("risks:edit", args=[risk.pk]), first).status_code == 302
    response = client.post(reverse("risks:edit", args=[risk.pk]), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit risico intussen gewijzigd" in page
    rows = {row["label"]: row for row in response.context["comparison"]}
    assert rows["Kans"]["mine"] == "60%" and rows["Kans"]["theirs"] == "40%"
    assert rows["Kans"]["differs"]
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.4") and risk.version == 2
    assert response.context["form"]["version"].value() == 2  # saving again is now a deliberate choice


def test_the_owner_edits_their_own_risk_but_not_someone_elses(client, cast, login):
    own = make_risk(cast.org, "R01", owner=cast.membership(cast.owner))
    other = make_risk(cast.org, "R02", owner=cast.membership(cast.controller))
    unowned = make_risk(cast.org, "R03")
    login(cast.owner)
    assert client.get(reverse("risks:edit", args=[own.pk])).status_code == 200
    assert "id_owner" not in client.get(reverse("risks:edit", args=[own.pk])).content.decode()
    assert client.get(reverse("risks:edit", args=[other.pk])).status_code == 403
    assert client.get(reverse("risks:edit", args=[unowned.pk])).status_code == 403
    response = client.post(reverse("risks:edit", args=[own.pk]), risk_post(own, name="Nieuw"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Nieuw" and own.owner == cast.membership(cast.owner)


@pytest.mark.parametrize("role", ["employee", "reader"])
def test_employees_and_readers_may_not_edit(client, cast, login, role):
    risk = make_risk(cast.org, "R01")
    login(getattr(cast, role))
    assert client.get(reverse("risks:edit", args=[risk.pk])).status_code == 403
    assert client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, name="x")).status_code == 403


def test_another_organisations_risk_cannot_be_edited(client, cast, login):
    risk = make_risk(cast.other_org, "B01")
    login(cast.controller)
    assert client.get(reverse("risks:edit", args=[risk.pk])).status_code == 404
    assert client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, name="x")).status_code == 404


def test_the_owner_select_offers_only_owners_and_controllers_of_the_organisation(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    owners = client.get(reverse("risks:edit", args=[risk.pk])).context["form"].fields["owner"].queryset
    assert {m.user.username for m in owners} == {"controller", "eigenaar"}


def test_a_risk_owned_by_an_employee_can_still_be_saved_unchanged(client, cast, login):
    risk = make_risk(cast.org, "R01", owner=cast.membership(cast.employee))
    login(cast.controller)
    response = client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, name="Nieuw"))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.name == "Nieuw" and risk.owner == cast.membership(cast.employee)


def test_an_edit_without_the_version_is_refused(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    data = risk_post(risk, name="Nieuw")
    del data["version"]
    assert client.post(reverse("risks:edit", args=[risk.pk]), data).status_code == 200
    risk.refresh_from_db()
    assert risk.name == "Risico R01"


# --- measures ----------------------------------------------------------------------------------------------


def test_adding_a_measure_writes_history_on_its_risk(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    response = client.post(
        reverse("risks:measure_create", args=[risk.pk]),
        {
            "description": "Tweede datacenter",
            "status": "gepland",
            "probability_after": "10",
            "impact_factor": "0,5",
        },
    )
    assert response.status_code == 302
    measure = risk.measures.get()
    assert measure.probability_after == Decimal("0.1") and measure.impact_factor == Decimal("0.5")
    change = RiskChange.objects.get(risk=risk)
    assert change.reason == "Maatregel toegevoegd: Tweede datacenter"
    assert change.changes["measure.description"] == [None, "Tweede datacenter"]
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "maatregel: kans na de maatregel:" in page and "10%" in page


def test_editing_a_measure_writes_old_and_new_values(client, cast, login):
    risk = make_risk(cast.org, "R01", owner=cast.membership(cast.owner))
    measure = Measure.objects.create(risk=risk, description="Back-up testen")
    login(cast.owner)
    response = client.post(
        reverse("risks:measure_edit", args=[measure.pk]),
        {"description": "Back-up testen", "status": "uitgevoerd"},
    )
    assert response.status_code == 302
    change = RiskChange.objects.get(risk=risk)
    assert change.reason == "Maatregel gewijzigd: Back-up testen"
    assert change.changes == {"measure.status": ["gepland", "uitgevoerd"]}


def test_a_measure_factor_above_one_is_refused(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    response = client.post(
        reverse("risks:measure_create", args=[risk.pk]),
        {"description": "x", "status": "gepland", "impact_factor": "1,5"},
    )
    assert "1,5 ligt niet tussen 0 en 1" in response.content.decode()
    assert not risk.measures.exists()


@pytest.mark.parametrize("role", ["employee", "reader"])
def test_employees_and_readers_may_not_add_or_change_measures(client, cast, login, role):
    risk = make_risk(cast.org, "R01")
    measure = Measure.objects.create(risk=risk, description="Back-up testen")
    login(getattr(cast, role))
    assert client.get(reverse("risks:measure_create", args=[risk.pk])).status_code == 403
    assert client.get(reverse("risks:measure_edit", args=[measure.pk])).status_code == 403


def test_the_owner_may_not_add_measures_to_someone_elses_risk(client, cast, login):
    risk = make_risk(cast.org, "R01", owner=cast.membership(cast.controller))
    measure = Measure.objects.create(risk=risk, description="Back-up testen")
    login(cast.owner)
    assert client.get(reverse("risks:measure_create", args=[risk.pk])).status_code == 403
    assert client.post(reverse("risks:measure_edit", args=[measure.pk]), {}).status_code == 403


def test_another_organisations_measures_are_not_found(client, cast, login):
    risk = make_risk(cast.other_org, "B01")
    measure = Measure.objects.create(risk=risk, description="Back-up testen")
    login(cast.controller)
    assert client.get(reverse("risks:measure_create", args=[risk.pk])).status_code == 404
    assert client.get(reverse("risks:measure_edit", args=[measure.pk])).status_code == 404


def test_the_forms_show_dutch_numbers_and_a_label_for_every_input(client, cast, login):
    risk = make_risk(cast.org, "R01", probability=Decimal("0.305"), impact_max=Decimal("1250000"))
    login(cast.controller)
    page = client.get(reverse("risks:edit", args=[risk.pk])).content.decode()
    assert 'name="probability" value="30,5%"' in page and 'name="impact_max" value="1.250.000"' in page
    assert "<h1" in page and "Reden van de wijziging" in page
    form = client.get(reverse("risks:edit", args=[risk.pk])).context["form"]
    for field in form.visible_fields():
        assert f'for="{field.auto_id}"' in page
    assert client.get(reverse("risks:create")).status_code == 200
    assert client.get(reverse("risks:measure_create", args=[risk.pk])).status_code == 200


def test_history_names_people_by_full_name_and_dates_in_dutch(client, cast, login):
    risk = make_risk(cast.org, "R01")
    cast.controller.first_name, cast.controller.last_name = "Carla", "de Vries"
    cast.controller.save()
    update_risk(risk, cast.controller, {"review_date": date(2027, 3, 1)}, reason="")
    login(cast.reader)
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "Carla de Vries" in page
    assert "herbeoordelen vóór: —" in page and "1 maart 2027" in page
    assert "Gegevens bijgewerkt" in page


@pytest.mark.parametrize(
    "typed,stored",
    [("30", "0.30000"), ("30%", "0.30000"), ("0,3", "0.30000"), ("0.3", "0.30000"), ("1%", "0.01000")],
)
def test_a_probability_means_the_same_in_the_form_as_in_a_register_file(client, cast, login, typed, stored):
    from risicokompas.registerfile.values import parse_probability

    login(cast.controller)
    assert client.post(reverse("risks:create"), risk_post(probability=typed)).status_code == 302
    risk = Risk.objects.get(code="R10")
    assert risk.probability == Decimal(stored)
    assert Decimal(repr(parse_probability(typed))).quantize(Decimal("0.00001")) == Decimal(stored)


def test_the_risk_field_lists_name_only_real_fields_and_the_form_edits_every_form_field():
    from risicokompas.registerfile.columns import COLUMN_BY_KEY
    from risicokompas.risks import fields
    from risicokompas.risks.forms import RiskForm

    fields.check_consistency()
    model_fields = {f.attname for f in Risk._meta.concrete_fields} | {
        f.name for f in Risk._meta.concrete_fields
    }
    assert {f.name for f in fields.ALL_FIELDS} <= model_fields
    assert list(RiskForm._meta.fields) == list(fields.FORM_FIELDS)
    assert set(fields.COLUMN_OF.values()) <= set(COLUMN_BY_KEY)


def test_a_reassessed_risk_gets_a_new_review_date_and_is_no_longer_overdue(client, cast, login):
    import datetime

    from django.utils import timezone

    risk = make_risk(cast.org, "R01", review_date=datetime.date(2020, 1, 1))
    login(cast.controller)
    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        risk_post(risk, probability="45%", review_date="2020-01-01", reason="Herbeoordeeld"),
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    # The form sends the old date back unchanged, so the reassessment moves it.
    expected = timezone.localdate() + datetime.timedelta(days=cast.org.review_interval_days)
    assert risk.review_date == expected
    assert risk.changes.first().changes["review_date"] == ["2020-01-01", expected.isoformat()]
