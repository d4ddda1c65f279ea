# SPDX-License-Identifier: EUPL-1.2
"""A controller offers a snapshot to the bestuur: each active bestuur member with an e-mail address gets a
mail with the link to the approval page; others do not, and only writers may offer."""

import datetime

from django.core import mail
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.paragraph.freeze import freeze


def snapshot_of(cast):
    make_risk(cast.org, "R01")
    return freeze(cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 10, 1))


def test_offering_mails_every_active_bestuur_member_with_the_approval_link(cast, login):
    snapshot = snapshot_of(cast)
    wethouder = make_user("wethouder", cast.org, "bestuur")
    wethouder.email, wethouder.first_name = "wethouder@aadorp.example", "Wil"
    wethouder.save()
    gone = make_user("oud-wethouder", cast.org, "bestuur")
    gone.email, gone.is_active = "oud@aadorp.example", False
    gone.save()
    elsewhere = make_user("bestuur-bedorp", cast.other_org, "bestuur")
    elsewhere.email = "b@bedorp.example"
    elsewhere.save()
    response = login(cast.controller).post(
        reverse("paragraph:snapshot_offer", args=[snapshot.pk]), follow=True
    )
    assert "1 bestuurslid heeft een mail gekregen" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["wethouder@aadorp.example"]]
    body = mail.outbox[0].body
    assert "Begroting 2027" in body and reverse("paragraph:snapshot_approve", args=[snapshot.pk]) in body


def test_without_bestuur_members_the_controller_is_told_whom_to_ask(cast, login):
    snapshot = snapshot_of(cast)
    response = login(cast.controller).post(
        reverse("paragraph:snapshot_offer", args=[snapshot.pk]), follow=True
    )
    assert "vraag de beheerder" in response.content.decode() and mail.outbox == []


def test_only_writers_offer_and_another_organisation_is_not_found(cast, login):
    snapshot = snapshot_of(cast)
    url = reverse("paragraph:snapshot_offer", args=[snapshot.pk])
    assert login(cast.employee).post(url).status_code == 403
    assert login(cast.other_controller).post(url).status_code == 404
    assert login(cast.controller).get(url).status_code == 405
