# SPDX-License-Identifier: EUPL-1.2
"""The Django admin at /beheer/: superusers only, every model of our apps registered, history read-only."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from tests.fixtures import make_risk

from risicokompas.ui.admin import RecordAdmin

pytestmark = pytest.mark.django_db


def _our_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("risicokompas.") and not model.__name__.startswith("Historical")
    ]


def _registered():
    """Our registered models (a missing registration is reported by its own test, by name)."""
    return [model for model in _our_models() if admin.site.is_registered(model)]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "platform", "platform@example.nl", "Platform-wachtwoord-1"
    )


def test_every_model_of_our_apps_is_registered():
    missing = [model._meta.label for model in _our_models() if not admin.site.is_registered(model)]
    assert missing == []


def test_a_model_with_history_shows_it_and_other_models_do_not_pretend_to():
    for model in _registered():
        model_admin = admin.site._registry[model]
        if hasattr(model, "history") and not isinstance(model_admin, RecordAdmin):
            assert isinstance(model_admin, SimpleHistoryAdmin), model._meta.label
        else:
            assert not isinstance(model_admin, SimpleHistoryAdmin), model._meta.label


def test_every_model_list_opens_with_search_and_filters_for_a_superuser(client, superuser, cast):
    client.force_login(superuser)
    for model in _registered():
        model_admin = admin.site._registry[model]
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        query = "?q=aadorp" if model_admin.search_fields else ""
        response = client.get(url + query)
        assert response.status_code == 200, model._meta.label


def test_the_organisation_list_finds_by_code(client, superuser, cast):
    cast.org.code = "GM0001"
    cast.org.save()
    client.force_login(superuser)
    page = client.get(reverse("admin:organisations_organisation_changelist") + "?q=GM0001").content.decode()
    assert "Gemeente Aadorp" in page
    assert "Gemeente Bedorp" not in page


def test_staff_who_are_not_superusers_are_refused(client, cast):
    staff = get_user_model().objects.create_user("staf", password="Staf-wachtwoord-12", is_staff=True)
    client.force_login(staff)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith("/beheer/login/")
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 302


def test_an_organisations_controller_is_refused(client, cast):
    client.force_login(cast.controller)
    assert client.get("/beheer/").status_code == 302


def test_history_is_shown_but_cannot_be_restored(client, superuser, cast):
    membership = cast.membership(cast.employee)
    membership.role = "risico-eigenaar"
    membership.save()
    client.force_login(superuser)
    history_url = reverse("admin:organisations_membership_history", args=[membership.pk])
    assert client.get(history_url).status_code == 200
    first = membership.history.earliest()
    version_url = reverse(
        "admin:organisations_membership_simple_history", args=[membership.pk, first.history_id]
    )
    page = client.get(version_url)
    assert page.status_code == 200
    assert 'name="_change_history"' not in page.content.decode()
    response = client.post(
        version_url, {"user": cast.employee.pk, "organisation": cast.org.pk, "role": "medewerker"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "risico-eigenaar"


def test_change_records_cannot_be_edited_or_deleted(client, superuser, cast):
    from risicokompas.risks.models import RiskChange

    risk = make_risk(cast.org)
    change = RiskChange.objects.create(risk=risk, reason="Test", changes={})
    client.force_login(superuser)
    change_url = reverse("admin:risks_riskchange_change", args=[change.pk])
    assert client.get(change_url).status_code == 200  # view only
    assert client.post(change_url, {"reason": "Anders"}).status_code == 403
    assert (
        client.post(reverse("admin:risks_riskchange_delete", args=[change.pk]), {"post": "yes"}).status_code
        == 403
    )
    change.refresh_from_db()
    assert change.reason == "Test"
