# SPDX-License-Identifier: EUPL-1.2
"""Learning networks: creating and joining, access and isolation, the share step, assignments, meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from tests.fixtures import make_organisation, make_risk, make_user

from risicokompas.deviations.models import Deliberation, Precedent, Rule
from risicokompas.network import services
from risicokompas.network.models import (
    ChangeAssignment,
    Coordinator,
    Meeting,
    NetworkMember,
    Participant,
    SharedItem,
)
from risicokompas.signals import services as signal_services

STORY = {
    "kind": "verhaal",
    "title": "Luisteren naar afwijkingen",
    "body": "Elke maand één casus.",
    "source": "MT",
}


@pytest.fixture
def net(cast):
    """Aadorp and Bedorp are active members of a network run by a coordinator who belongs to no organisation."""
    cast.coordinator = make_user("coordinator")
    coordinator = Coordinator.objects.create(user=cast.coordinator)
    cast.network = services.create_network(coordinator, {"name": "Leernetwerk Bedoeling"})
    cast.member = services.accept(services.invite(cast.network, cast.org), cast.controller)
    cast.other_member = services.accept(services.invite(cast.network, cast.other_org), cast.other_controller)
    services.name_participant(cast.member, cast.employee, Participant.Role.CHANGE)
    cast.outsider_org = make_organisation("Gemeente Cedorp")
    cast.outsider = make_user("controller-cedorp", cast.outsider_org, "controller")
    return cast


def url(name, net, **kwargs):
    return reverse(f"network:{name}", kwargs={"pk": net.network.pk, **kwargs})


def preview(client, net, **changes):
    return client.post(url("share", net), {**STORY, **changes, "action": "preview"})


# --- creating and joining -------------------------------------------------------------------------


def test_a_coordinator_without_an_organisation_creates_a_network_and_invites(client, cast, login):
    user = make_user("coordinator")
    Coordinator.objects.create(user=user)
    login(user)
    assert client.get(reverse("network:list")).status_code == 200
    response = client.post(
        reverse("network:create"),
        {
            "name": "Netwerk Noord",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "description": "Samen leren",
        },
    )
    network = user.coordinator.networks.get()
    assert response.url == reverse("network:detail", args=[network.pk])
    page = client.get(response.url)
    assert page.status_code == 200 and "Netwerk Noord" in page.text
    assert "Risicoregister" not in page.text  # the nav hides membership-only links
    response = client.post(reverse("network:invite", args=[network.pk]), {"organisation": "gemeente aadorp"})
    assert network.members.get().organisation == cast.org
    again = client.post(reverse("network:invite", args=[network.pk]), {"organisation": "Gemeente Aadorp"})
    assert "al uitgenodigd" in again.text
    unknown = client.post(reverse("network:invite", args=[network.pk]), {"organisation": "Nergensdorp"})
    assert "geen organisatie met deze naam" in unknown.text


def test_only_coordinators_create_networks(client, cast, login):
    login(cast.controller)
    assert client.get(reverse("network:create")).status_code == 403


def test_an_invited_member_sees_only_the_invitation_until_a_controller_accepts(client, cast, login):
    coordinator = Coordinator.objects.create(user=make_user("coordinator"))
    network = services.create_network(
        coordinator, {"name": "Netwerk Zuid", "description": "Over leiderschap"}
    )
    services.invite(network, cast.org)
    login(cast.employee)  # not named as participant yet, and no controller: nothing to see
    assert client.get(reverse("network:detail", args=[network.pk])).status_code == 404
    assert client.post(reverse("network:accept", args=[network.pk])).status_code == 404
    login(cast.controller)
    page = client.get(reverse("network:detail", args=[network.pk]))
    assert "Uitnodiging voor Netwerk Zuid" in page.text and "Uitnodiging accepteren" in page.text
    assert client.get(reverse("network:stories", args=[network.pk])).status_code == 404
    assert client.get(reverse("network:share", args=[network.pk])).status_code == 404
    response = client.post(reverse("network:accept", args=[network.pk]))
    assert response.url == reverse("network:participants", args=[network.pk])
    member = network.members.get()
    assert member.status == NetworkMember.Status.ACTIVE
    assert member.participants.get().user == cast.controller


def test_the_controller_names_participants_of_their_own_organisation_only(client, net, login):
    login(net.controller)
    response = client.post(url("participants", net), {"user": net.owner.pk, "role": "gemeentesecretaris"})
    assert response.status_code == 302
    assert net.member.participants.get(user=net.owner).role == "gemeentesecretaris"
    response = client.post(url("participants", net), {"user": net.other_controller.pk, "role": "control"})
    assert (
        response.status_code == 200 and not net.member.participants.filter(user=net.other_controller).exists()
    )
    login(net.employee)  # a participant, but not a controller
    assert client.get(url("participants", net)).status_code == 403


def test_outsiders_get_404_on_every_network_page(client, net, login):
    meeting = Meeting.objects.create(
        network=net.network,
        title="B1",
        starts_at=datetime(2026, 3, 5, 13, tzinfo=UTC),
        ends_at=datetime(2026, 3, 5, 16, tzinfo=UTC),
    )
    item = services.share(
        net.member,
        net.controller,
        services.ShareContent(**STORY),
        services.share_digest(services.ShareContent(**STORY)),
    )
    login(net.outsider)
    for name, kwargs in [
        ("detail", {}),
        ("stories", {}),
        ("share", {}),
        ("participants", {}),
        ("invite", {}),
        ("assignment", {"member_pk": net.member.pk}),
        ("meeting", {"meeting_pk": meeting.pk}),
        ("meeting_ics", {"meeting_pk": meeting.pk}),
        ("story", {"item_pk": item.pk}),
    ]:
        assert client.get(url(name, net, **kwargs)).status_code == 404, name
    assert net.network.name not in client.get(reverse("network:list")).text


# --- isolation between members --------------------------------------------------------------------


def test_a_participant_sees_the_network_but_never_another_members_own_data(client, net, login):
    risk = make_risk(net.other_org, "B07", name="Geheim risico van Bedorp")
    rule = Rule.objects.create(organisation=net.other_org, title="Geheime regel Bedorp", purpose="Doel")
    precedent = Precedent.objects.create(
        organisation=net.other_org,
        rule=rule,
        summary="Geheime casus Bedorp",
        outcome=Deliberation.Outcome.choices[0][0],
        tipping_point="x",
        published=True,
    )
    signal = signal_services.file_signal(
        net.other_org,
        net.other_controller,
        {"title": "Geheime melding Bedorp", "likelihood_class": 2, "impact_class": 3},
        anonymous=False,
    ).signal
    login(net.employee)
    pages = [client.get(url(name, net)) for name in ("detail", "stories", "share")]
    pages.append(client.get(url("assignment", net, member_pk=net.other_member.pk)))
    for page in pages:
        assert page.status_code == 200
        for secret in (
            "Geheim risico van Bedorp",
            "Geheime regel Bedorp",
            "Geheime casus Bedorp",
            "Geheime melding",
        ):
            assert secret not in page.text
        assert reverse("risks:detail", args=[risk.pk]) not in page.text
    assert "Gemeente Bedorp" in pages[0].text  # the network itself is visible
    assert client.get(reverse("risks:detail", args=[risk.pk])).status_code == 404
    assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    # Only the member's own published precedents can seed a case.
    assert client.get(url("share", net) + f"?moresprudentie={precedent.pk}").status_code == 404


def test_only_the_member_itself_edits_its_change_assignment_the_network_reads_it(client, net, login):
    login(net.employee)
    response = client.post(
        url("assignment", net, member_pk=net.member.pk),
        {
            "action": "assignment",
            "a-goal": "Durven afwijken",
            "a-approach": "Teamgesprekken",
            "a-milestones": "",
            "a-obstacles": "",
        },
    )
    assert response.status_code == 302
    client.post(
        url("assignment", net, member_pk=net.member.pk),
        {"action": "progress", "p-month": "2026-03-17", "p-text": "Twee gesprekken"},
    )
    assignment = ChangeAssignment.objects.get(member=net.member)
    assert assignment.goal == "Durven afwijken"
    assert assignment.progress.get().month == date(2026, 3, 1)
    login(net.other_controller)
    page = client.get(url("assignment", net, member_pk=net.member.pk))
    assert (
        "Durven afwijken" in page.text and "Twee gesprekken" in page.text and 'name="a-goal"' not in page.text
    )
    client.post(
        url("assignment", net, member_pk=net.member.pk), {"action": "assignment", "a-goal": "Gekaapt"}
    )
    assignment.refresh_from_db()
    assert assignment.goal == "Durven afwijken"


# --- the share step -------------------------------------------------------------------------------


def test_the_preview_shows_exactly_what_will_be_published_and_confirm_publishes_exactly_that(
    client, net, login
):
    login(net.employee)
    body = "Eerste regel; met puntkomma,\nen een tweede regel <b>vet</b>"
    page = preview(client, net, body=body)
    assert page.status_code == 200 and not SharedItem.objects.exists()  # the preview publishes nothing
    content = services.ShareContent(kind="verhaal", title=STORY["title"], body=body, source="MT")
    digest = services.share_digest(content)
    assert digest in page.text
    assert "&lt;b&gt;vet&lt;/b&gt;" in page.text
    response = client.post(
        url("share", net),
        {**STORY, "body": body.replace("\n", "\r\n"), "digest": digest, "action": "confirm"},
    )
    item = SharedItem.objects.get()
    assert response.url == url("story", net, item_pk=item.pk)
    assert (item.kind, item.title, item.body, item.source) == ("verhaal", STORY["title"], body, "MT")
    assert item.content_hash == digest and item.member == net.member and item.shared_by == net.employee
    login(net.other_controller)
    assert body.split("\n")[0] in client.get(url("story", net, item_pk=item.pk)).text


def test_confirming_other_content_than_the_preview_showed_publishes_nothing(client, net, login):
    login(net.employee)
    digest = services.share_digest(services.ShareContent(**STORY))
    response = client.post(
        url("share", net), {**STORY, "body": "Iets anders", "digest": digest, "action": "confirm"}
    )
    assert response.status_code == 200 and "gewijzigd na de voorvertoning" in response.text
    assert not SharedItem.objects.exists()


def test_the_coordinator_cannot_share_on_behalf_of_a_member(client, net, login):
    login(net.coordinator)
    assert client.get(url("share", net)).status_code == 403


def test_a_case_starts_from_an_own_published_precedent(client, net, login):
    rule = Rule.objects.create(organisation=net.org, title="Parkeervergunning", purpose="Doel")
    precedent = Precedent.objects.create(
        organisation=net.org,
        rule=rule,
        summary="Mantelzorger kreeg tijdelijk een vergunning",
        outcome=Deliberation.Outcome.choices[0][0],
        tipping_point="Zorg gaat voor",
        published=True,
    )
    login(net.controller)
    page = client.get(url("share", net) + f"?moresprudentie={precedent.pk}")
    assert "Mantelzorger kreeg tijdelijk een vergunning" in page.text and "Parkeervergunning" in page.text


def test_others_comment_and_mark_reuse(client, net, login):
    content = services.ShareContent(**STORY)
    item = services.share(net.member, net.controller, content, services.share_digest(content))
    login(net.other_controller)
    client.post(url("comment", net, item_pk=item.pk), {"text": "Mooi voorbeeld"})
    client.post(url("reuse", net, item_pk=item.pk), {"note": "In ons MT"})
    page = client.get(url("story", net, item_pk=item.pk))
    assert "Mooi voorbeeld" in page.text and "In ons MT" in page.text
    assert item.reuses.get().member == net.other_member
    login(net.coordinator)
    assert client.post(url("reuse", net, item_pk=item.pk), {"note": "x"}).status_code == 403


# --- meetings -------------------------------------------------------------------------------------


def test_the_coordinator_plans_a_meeting_members_contribute_and_attendance_is_kept(client, net, login):
    login(net.coordinator)
    response = client.post(
        url("meeting_create", net),
        {
            "title": "Bijeenkomst 1",
            "starts_at": "2026-03-05T13:30",
            "ends_at": "2026-03-05T16:30",
            "place": "Stadhuis",
            "programme": "Opening\nCasus",
            "notes": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == url("meeting", net, meeting_pk=meeting.pk)
    bad = client.post(
        url("meeting_create", net),
        {"title": "X", "starts_at": "2026-03-05T13:30", "ends_at": "2026-03-05T12:00"},
    )
    assert "moet eindigen na het begin" in bad.text
    client.post(
        url("attendance", net, meeting_pk=meeting.pk),
        {
            f"m{net.member.pk}-present": "on",
            f"m{net.member.pk}-names": "Controller",
            f"m{net.other_member.pk}-names": "",
        },
    )
    assert meeting.attendance.get(member=net.member).present
    assert not meeting.attendance.get(member=net.other_member).present
    login(net.employee)
    assert client.get(url("meeting_edit", net, meeting_pk=meeting.pk)).status_code == 403
    client.post(url("meeting", net, meeting_pk=meeting.pk), {"text": "Wij vertellen over de parkeerregel"})
    page = client.get(url("meeting", net, meeting_pk=meeting.pk))
    assert "Wij vertellen over de parkeerregel" in page.text and "Opening" in page.text
    assert meeting.contributions.get().member == net.member


def test_the_meeting_downloads_as_icalendar(client, net, login):
    meeting = Meeting.objects.create(
        network=net.network,
        title="Bijeenkomst, deel 1",
        place="Stadhuis; Raadzaal",
        starts_at=datetime(2026, 3, 5, 12, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 5, 15, 30, tzinfo=UTC),
    )
    login(net.employee)
    response = client.get(url("meeting_ics", net, meeting_pk=meeting.pk))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "DTSTART:20260305T123000Z\r\n" in text and "LOCATION:Stadhuis\\; Raadzaal\r\n" in text
    assert "SUMMARY:Leernetwerk Bedoeling: Bijeenkomst\\, deel 1\r\n" in text
