# SPDX-License-Identifier: EUPL-1.2
"""A large register import in the background (registered in ``RisksConfig.ready``), in two jobs:

1. ``risks.import_check`` reads the file and compares it with the register: the counts and the
   fingerprint (digest) of the difference, shown on a page where the user confirms with a reason;
2. ``risks.import_apply`` reads the file again and applies exactly that difference in one transaction:
   all of it or nothing. When the register changed meanwhile nothing is applied.

Both are idempotent: checking changes nothing; a failed apply rolled back everything, so running it again
starts from the same register, and an apply that succeeded is not offered again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from risicokompas.engine.present import format_number
from risicokompas.jobs.registry import JobFailed, Outcome
from risicokompas.registerfile import RegisterFileError
from risicokompas.risks import importing
from risicokompas.risks.exporting import organisation_risks
from risicokompas.risks.services import ChangeRefused
from risicokompas.security.log import Kind, record

CHECK = "risks.import_check"
APPLY = "risks.import_apply"
SHOWN_PROBLEMS = 20


def dutch_number(value: int) -> str:
    return format_number(value)


def _read(job) -> tuple[importing.FileRisk, ...]:
    if job.input_file is None:
        raise JobFailed(_("Het bestand is niet meer beschikbaar. Lees het bestand opnieuw in."))
    try:
        return importing.read_upload(bytes(job.input_file), job.input_name, job.organisation)
    except RegisterFileError as error:
        problems = [str(problem) for problem in error.messages]
        text = _("Het bestand bevat %(count)s problemen. Er is niets ingelezen.") % {
            "count": dutch_number(len(problems))
        }
        shown = "; ".join(problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            shown += _(" (en nog %(count)s)") % {"count": dutch_number(len(problems) - SHOWN_PROBLEMS)}
        raise JobFailed(f"{text} {shown}") from None


def check_import(job, progress) -> Outcome:
    progress(5, _("Het bestand wordt gelezen."))
    file_risks = _read(job)
    progress(60, _("Het bestand wordt vergeleken met het register."))
    try:
        plan = importing.build_plan(job.organisation, file_risks, organisation_risks(job.organisation))
    except RegisterFileError as error:
        raise JobFailed(" ".join(str(problem) for problem in error.messages[:SHOWN_PROBLEMS])) from None
    counts = {
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": plan.unchanged,
        "absent": len(plan.absent),
        "not_exportable": len(plan.not_exportable),
    }
    return Outcome(
        message=_(
            "Het bestand is gecontroleerd: %(new)s nieuw, %(changed)s gewijzigd, %(unchanged)s ongewijzigd. "
            "Er is nog niets ingelezen."
        )
        % {key: dutch_number(value) for key, value in counts.items()},
        data={
            **counts,
            "rows": len(file_risks),
            "digest": plan.digest,
            "link": reverse("risks:import_large_confirm", args=[job.pk]),
            "link_text": _("Bekijk het overzicht en bevestig de import"),
        },
        keep_input=True,  # the confirmation applies this same file
    )


def apply_import(job, progress) -> Outcome:
    params = job.params
    progress(2, _("Het bestand wordt opnieuw gelezen."))
    file_risks = _read(job)
    progress(20, _("De risico's worden opgeslagen; er verandert pas iets als alles gelukt is."))

    def saved(done: int, total: int) -> None:
        progress(
            20 + 79 * done / total,
            _("%(done)s van %(total)s risico's verwerkt.")
            % {"done": dutch_number(done), "total": dutch_number(total)},
        )

    try:
        result = importing.apply_import(
            job.organisation,
            job.user,
            file_risks,
            digest=params["digest"],
            reason=params["reason"],
            close_absent=bool(params.get("close_absent")),
            progress=saved,
        )
    except importing.StalePreview:
        raise JobFailed(
            _(
                "Het register is gewijzigd sinds het overzicht werd gemaakt. Er is niets ingelezen. Lees het "
                "bestand opnieuw in en bevestig het nieuwe overzicht."
            )
        ) from None
    except (ChangeRefused, ValidationError) as error:
        detail = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        raise JobFailed(_("Er is niets ingelezen: %(error)s") % {"error": detail}) from None
    record(
        Kind.IMPORTED,
        actor=job.user,
        organisation_id=job.organisation_id,
        object_type="register",
        file=job.input_name,
        rows=len(file_risks),
    )
    return Outcome(
        message=importing.success_text(result),
        data={
            "new": result.new,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "closed": result.closed,
            "link": reverse("risks:list"),
            "link_text": _("Naar het risicoregister"),
        },
    )


REMINDERS = "risks.reminders"


def send_reminders(job, progress) -> Outcome:
    """The daily reminders (celery beat, see CELERY_BEAT_SCHEDULE): idempotent per owner and day."""
    from django.conf import settings
    from django.utils import timezone

    from risicokompas.risks import reminders

    run = reminders.send_reminders(timezone.localdate(), base_url=settings.RISICOKOMPAS_BASE_URL)
    message = _("%(sent)d mail(s) verstuurd; %(already)d eigenaar/eigenaren vandaag al herinnerd.") % {
        "sent": len(run.sent),
        "already": run.already_reminded,
    }
    if run.failed:
        raise JobFailed(
            _(
                "%(failed)d mail(s) konden niet worden verstuurd; de volgende keer wordt het opnieuw geprobeerd."
            )
            % {"failed": run.failed}
        )
    return Outcome(message=message, data={"sent": len(run.sent), "already": run.already_reminded})
