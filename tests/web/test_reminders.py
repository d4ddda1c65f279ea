# SPDX-License-Identifier: EUPL-1.2
"""``manage.py send_reminders``: one mail per owner per day about their open risks past the review date."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.utils import timezone
from tests.fixtures import make_risk, make_user

from risicokompas.organisations.models import Membership
from risicokompas.risks import reminders
from risicokompas.risks.models import ReminderSent, Risk

BASE_URL = "https://risico.aadorp.nl"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def owners(cast, settings):
    """Jan (risico-eigenaar of Aadorp) and Bea (controller of Bedorp), both with an e-mail address."""
    settings.RISICOKOMPAS_BASE_URL = BASE_URL + "/"
    for user, first, email in (
        (cast.owner, "Jan", "jan@aadorp.nl"),
        (cast.other_controller, "Bea", "bea@bedorp.nl"),
    ):
        user.first_name, user.last_name, user.email = first, "Jansen", email
        user.save()
    return cast.membership(cast.owner), cast.membership(cast.other_controller)


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_an_owner_gets_one_mail_listing_their_overdue_risks_with_links(owners, cast, today, mailoutbox):
    jan, _bea = owners
    first = make_risk(
        cast.org, "R01", name="Tekort jeugdzorg", owner=jan, review_date=today - timedelta(days=3)
    )
    second = make_risk(cast.org, "R02", name="Claim", owner=jan, review_date=today - timedelta(days=40))
    assert "1 mail(s) verstuurd" in run()
    (mail,) = mailoutbox
    assert mail.to == ["jan@aadorp.nl"]
    assert mail.subject == "Herbeoordeling verlopen: 2 risico's van Gemeente Aadorp"
    assert mail.body.startswith("Beste Jan Jansen,")
    assert f"{BASE_URL}/risicos/{first.pk}/" in mail.body and f"{BASE_URL}/risicos/{second.pk}/" in mail.body
    assert mail.body.index("R02 Claim") < mail.body.index("R01 Tekort jeugdzorg")  # longest overdue first
    assert f"{BASE_URL}/risicos/?eigenaar={jan.pk}&verlopen=on" in mail.body
    assert ReminderSent.objects.filter(membership=jan, sent_on=today).count() == 2


def test_running_twice_a_day_sends_one_mail(owners, cast, today, mailoutbox):
    jan, _bea = owners
    make_risk(cast.org, "R01", owner=jan, review_date=today - timedelta(days=1))
    run()
    make_risk(
        cast.org, "R02", owner=jan, review_date=today - timedelta(days=1)
    )  # overdue since the first run
    output = run()
    assert len(mailoutbox) == 1
    assert "0 mail(s) verstuurd; 1 eigenaar/eigenaren vandaag al herinnerd" in output


def test_the_next_day_the_owner_is_reminded_again(owners, cast, today, mailoutbox):
    jan, _bea = owners
    make_risk(cast.org, "R01", owner=jan, review_date=today - timedelta(days=1))
    reminders.send_reminders(today, base_url=BASE_URL)
    reminders.send_reminders(today + timedelta(days=1), base_url=BASE_URL)
    assert len(mailoutbox) == 2
    assert ReminderSent.objects.filter(membership=jan).count() == 2


def test_risks_that_are_not_overdue_or_not_open_are_not_mailed(owners, cast, today, mailoutbox):
    jan, _bea = owners
    make_risk(cast.org, "R01", owner=jan, review_date=today)  # due today: not yet passed
    make_risk(cast.org, "R02", owner=jan, review_date=today + timedelta(days=10))
    make_risk(cast.org, "R03", owner=jan)  # no review date
    make_risk(cast.org, "R04", owner=jan, review_date=today - timedelta(days=5), status=Risk.Status.CLOSED)
    make_risk(cast.org, "R05", owner_label="Manager Grondzaken", review_date=today - timedelta(days=5))
    run()
    assert mailoutbox == [] and not ReminderSent.objects.exists()


def test_inactive_owners_and_owners_without_email_are_skipped(owners, cast, today, mailoutbox):
    jan, _bea = owners
    cast.owner.is_active = False
    cast.owner.save()
    make_risk(cast.org, "R01", owner=jan, review_date=today - timedelta(days=1))
    make_risk(cast.org, "R02", owner=cast.membership(cast.controller), review_date=today - timedelta(days=1))
    run()
    assert mailoutbox == [] and not ReminderSent.objects.exists()


def test_no_one_is_mailed_about_another_organisations_risks(owners, cast, today, mailoutbox):
    jan, bea = owners
    make_risk(cast.org, "R01", name="Van Aadorp", owner=jan, review_date=today - timedelta(days=1))
    make_risk(cast.other_org, "B01", name="Van Bedorp", owner=bea, review_date=today - timedelta(days=1))
    # A risk of Bedorp whose owner is (wrongly) a member of Aadorp: nobody is mailed about it.
    make_risk(cast.other_org, "B02", name="Verdwaald", owner=jan, review_date=today - timedelta(days=1))
    run()
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {"jan@aadorp.nl", "bea@bedorp.nl"}
    assert "Van Aadorp" in mails["jan@aadorp.nl"].body and "Bedorp" not in mails["jan@aadorp.nl"].body
    assert "Van Bedorp" in mails["bea@bedorp.nl"].body and "Aadorp" not in mails["bea@bedorp.nl"].body
    assert "Verdwaald" not in mails["jan@aadorp.nl"].body + mails["bea@bedorp.nl"].body


def test_someone_in_two_organisations_gets_a_mail_for_each(owners, cast, today, mailoutbox):
    jan, _bea = owners
    jan_in_bedorp = Membership.objects.create(
        user=cast.owner, organisation=cast.other_org, role="risico-eigenaar"
    )
    make_risk(cast.org, "R01", name="Van Aadorp", owner=jan, review_date=today - timedelta(days=1))
    make_risk(
        cast.other_org, "B01", name="Van Bedorp", owner=jan_in_bedorp, review_date=today - timedelta(days=1)
    )
    run()
    subjects = sorted(mail.subject for mail in mailoutbox)
    assert subjects == [
        "Herbeoordeling verlopen: 1 risico van Gemeente Aadorp",
        "Herbeoordeling verlopen: 1 risico van Gemeente Bedorp",
    ]


def test_a_dry_run_prints_the_mail_and_sends_and_records_nothing(owners, cast, today, mailoutbox):
    jan, _bea = owners
    make_risk(cast.org, "R01", name="Tekort jeugdzorg", owner=jan, review_date=today - timedelta(days=1))
    output = run("--dry-run")
    assert "Aan: jan@aadorp.nl" in output and "R01 Tekort jeugdzorg" in output
    assert "Proefdraai: 1 mail(s) niet verstuurd" in output
    assert mailoutbox == [] and not ReminderSent.objects.exists()
    run()
    assert len(mailoutbox) == 1  # the dry run did not count as a reminder


def test_a_refused_mail_is_not_recorded_and_is_tried_again(owners, cast, today, mailoutbox, monkeypatch):
    jan, _bea = owners
    make_risk(cast.org, "R01", owner=jan, review_date=today - timedelta(days=1))

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError, match="1 mail"):
            run()
    assert not ReminderSent.objects.exists()
    run()
    assert len(mailoutbox) == 1


def test_a_member_without_an_organisation_role_to_own_still_gets_their_reminder(
    owners, cast, today, mailoutbox
):
    employee = make_user("medewerker-2", cast.org, "medewerker")
    employee.email = "mw@aadorp.nl"
    employee.save()
    make_risk(cast.org, "R01", owner=employee.memberships.get(), review_date=today - timedelta(days=1))
    run()
    assert [mail.to for mail in mailoutbox] == [["mw@aadorp.nl"]]


def test_the_command_has_dutch_help(capsys):
    with pytest.raises(SystemExit):
        call_command("send_reminders", "--help")
    assert "hoogstens één mail per eigenaar per dag" in capsys.readouterr().out
