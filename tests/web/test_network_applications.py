# SPDX-License-Identifier: EUPL-1.2
"""Applying to a learning network that is open for applications, and the coordinator's decision."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.fixtures import make_organisation, make_user

from risicokompas.network import services
from risicokompas.network.models import Application, Coordinator, NetworkMember

MOTIVATION = "Wij willen leren hoe anderen afwijkingen bespreken."


@pytest.fixture
def open_net(cast):
    """Bedorp runs in an open network; Aadorp is not in it. A closed network exists too."""
    cast.coordinator = make_user("coordinator")
    coordinator = Coordinator.objects.create(user=cast.coordinator)
    cast.network = services.create_network(
        coordinator, {"name": "Leernetwerk Bedoeling", "open_for_applications": True}
    )
    services.accept(services.invite(cast.network, cast.other_org), cast.other_controller)
    cast.closed = services.create_network(coordinator, {"name": "Netwerk Gesloten"})
    cast.third_org = make_organisation("Gemeente Cedorp")
    cast.third_controller = make_user("controller-cedorp", cast.third_org, "controller")
    return cast


def _apply(client, net, motivation=MOTIVATION):
    return client.post(reverse("network:apply"), {"network": net.network.pk, "motivation": motivation})


def test_a_controller_sees_only_open_networks_and_applies_with_a_motivation(client, open_net, login):
    login(open_net.controller)
    page = client.get(reverse("network:apply")).text
    assert "Leernetwerk Bedoeling" in page and "Netwerk Gesloten" not in page
    response = _apply(client, open_net)
    assert response.status_code == 302 and response.url == reverse("network:apply")
    application = Application.objects.get()
    assert application.organisation == open_net.org and application.applied_by == open_net.controller
    assert application.status == Application.Status.PENDING and application.history.count() == 1
    page = client.get(response.url).text
    assert "heeft zich aangemeld voor Leernetwerk Bedoeling" in page and "Aangemeld" in page
    # The organisation is not a member yet: the network stays hidden.
    assert client.get(reverse("network:detail", args=[open_net.network.pk])).status_code == 404


def test_an_application_without_motivation_or_to_a_closed_network_is_refused(client, open_net, login):
    login(open_net.controller)
    response = _apply(client, open_net, motivation="  ")
    assert response.status_code == 200 and "Het formulier is niet opgeslagen" in response.text
    response = client.post(reverse("network:apply"), {"network": open_net.closed.pk, "motivation": "Graag"})
    assert response.status_code == 200 and not Application.objects.exists()
    _apply(client, open_net)
    again = _apply(client, open_net)  # no longer in the choice: one application at a time
    assert again.status_code == 200 and Application.objects.count() == 1


def test_only_controllers_and_beheerders_apply(client, open_net, login):
    for user in (open_net.employee, open_net.reader, open_net.owner):
        login(user)
        assert client.get(reverse("network:apply")).status_code == 403
        assert _apply(client, open_net).status_code == 403
    login(open_net.coordinator)  # no organisation to apply for
    assert client.get(reverse("network:apply")).status_code == 403


def test_other_organisations_never_see_an_application(client, open_net, login):
    login(open_net.controller)
    _apply(client, open_net)
    application = Application.objects.get()
    for user in (open_net.third_controller, open_net.other_controller):
        login(user)
        assert MOTIVATION not in client.get(reverse("network:apply")).text
        assert "Gemeente Aadorp" not in client.get(reverse("network:apply")).text
    # Bedorp is a member of the network, but only its coordinators see applications.
    pages = [
        reverse("network:applications", args=[open_net.network.pk]),
        reverse("network:application", args=[open_net.network.pk, application.pk]),
    ]
    for page in pages:
        assert client.get(page).status_code == 403
    login(open_net.third_controller)
    for page in pages:
        assert client.get(page).status_code == 404


def test_the_coordinator_accepts_and_the_organisation_becomes_a_member(client, open_net, login):
    login(open_net.controller)
    _apply(client, open_net)
    application = Application.objects.get()
    login(open_net.coordinator)
    detail = client.get(reverse("network:detail", args=[open_net.network.pk])).text
    assert "Aanmeldingen (1 wacht)" in detail
    listing = client.get(reverse("network:applications", args=[open_net.network.pk])).text
    assert "Gemeente Aadorp" in listing
    page_url = reverse("network:application", args=[open_net.network.pk, application.pk])
    assert MOTIVATION in client.get(page_url).text
    response = client.post(page_url, {"decision": "aannemen"}, follow=True)
    assert response.redirect_chain[0][0] == reverse("network:applications", args=[open_net.network.pk])
    assert "Gemeente Aadorp is aangenomen" in response.text and "nog 0 aanmeldingen" in response.text
    member = open_net.network.members.get(organisation=open_net.org)
    assert member.status == NetworkMember.Status.ACTIVE and member.joined_at is not None
    assert member.participants.get().user == open_net.controller
    application.refresh_from_db()
    assert (
        application.status == Application.Status.ACCEPTED and application.decided_by == open_net.coordinator
    )
    login(open_net.controller)
    assert client.get(reverse("network:detail", args=[open_net.network.pk])).status_code == 200
    assert "Aangenomen" in client.get(reverse("network:apply")).text


def test_declining_needs_a_reason_that_the_organisation_reads(client, open_net, login):
    login(open_net.controller)
    _apply(client, open_net)
    application = Application.objects.get()
    login(open_net.coordinator)
    page_url = reverse("network:application", args=[open_net.network.pk, application.pk])
    response = client.post(page_url, {"decision": "afwijzen", "reason": ""})
    assert response.status_code == 200 and "Geef de reden van de afwijzing" in response.text
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    response = client.post(page_url, {"decision": "afwijzen", "reason": "Het netwerk is vol."})
    assert response.status_code == 302
    assert not open_net.network.members.filter(organisation=open_net.org).exists()
    again = client.post(page_url, {"decision": "aannemen"}, follow=True)
    assert "Over deze aanmelding is al beslist" in again.text
    login(open_net.controller)
    page = client.get(reverse("network:apply")).text
    assert "Afgewezen" in page and "Het netwerk is vol." in page
    assert "Leernetwerk Bedoeling" in page  # it may apply again


def test_the_coordinator_opens_a_network_for_applications(client, open_net, login):
    login(open_net.coordinator)
    response = client.post(
        reverse("network:edit", args=[open_net.closed.pk]),
        {"name": "Netwerk Gesloten", "open_for_applications": "on"},
    )
    assert response.status_code == 302
    open_net.closed.refresh_from_db()
    assert open_net.closed.open_for_applications
    login(open_net.controller)
    assert "Er staan 2 leernetwerken open voor aanmelding" in client.get(reverse("network:list")).text


def test_an_organisation_that_left_may_apply_again(client, open_net, login):
    member = services.invite(open_net.network, open_net.org)
    member.status = NetworkMember.Status.LEFT
    member.save()
    login(open_net.controller)
    assert _apply(client, open_net).status_code == 302
    login(open_net.coordinator)
    application = Application.objects.get()
    client.post(
        reverse("network:application", args=[open_net.network.pk, application.pk]), {"decision": "aannemen"}
    )
    member.refresh_from_db()
    assert member.status == NetworkMember.Status.ACTIVE
