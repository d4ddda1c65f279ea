# SPDX-License-Identifier: EUPL-1.2
"""Organisations, the people in them and their roles, and the policy settings the engine uses."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.engine.capacity import NAR_SCALE, RatioScale
from risicokompas.engine.conventional import CalculationMethod, CalculationName
from risicokompas.engine.riskmap import GevolgBands


class Organisation(models.Model):
    """A gemeente, provincie, waterschap or gemeenschappelijke regeling. Every record belongs to one."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        WATERSCHAP = "waterschap", _("Waterschap")
        GR = "gr", _("Gemeenschappelijke regeling")

    class Shape(models.TextChoices):
        UNIFORM = "uniform", _("Uniform tussen 0 en het maximum")
        FIXED = "vast", _("Vast op het maximum")
        TRIANGULAR = "driehoek", _("Driehoek (zonder modus: midden tussen minimum en maximum)")
        PERT = "pert", _("PERT (zonder modus: midden tussen minimum en maximum)")

    class Calculation(models.TextChoices):
        SIMULATION = "simulatie", _("Simulatie (kwantiel bij het zekerheidspercentage)")
        PROBABILITY_TIMES_MAX = "kans-maal-maximum", _("Σ kans × maximaal gevolg")
        PROBABILITY_TIMES_MEAN = "kans-maal-gemiddeld", _("Σ kans × gemiddeld gevolg")
        SUM_OF_MAXIMA = "som-maxima", _("Som van de maximale gevolgen")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.GEMEENTE)
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("De CBS-code (bijvoorbeeld GM0363) of de code uit het register van overheden."),
    )

    # Policy settings (DESIGN §5): the controller keeps them, the report shows them.
    certainty = models.DecimalField(
        _("zekerheidspercentage"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.900"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("0.999"))],
        help_text=_("Bijvoorbeeld 0,90 voor 90% zekerheid."),
    )
    default_shape = models.CharField(
        _("standaardverdeling van het gevolg"), max_length=10, choices=Shape.choices, default=Shape.UNIFORM
    )
    structural_years = models.PositiveSmallIntegerField(
        _("jaren voor structurele risico's"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Hoe vaak het jaarbedrag van een structureel risico meetelt (vaak 1 tot 4)."),
    )
    band_1 = models.PositiveBigIntegerField(_("gevolgklasse 1 tot en met (€)"), default=50_000)
    band_2 = models.PositiveBigIntegerField(_("gevolgklasse 2 tot en met (€)"), default=200_000)
    band_3 = models.PositiveBigIntegerField(_("gevolgklasse 3 tot en met (€)"), default=500_000)
    band_4 = models.PositiveBigIntegerField(_("gevolgklasse 4 tot en met (€)"), default=1_000_000)
    norm_minimum = models.DecimalField(
        _("norm: minimale ratio"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal("1.00"),
    )
    norm_maximum = models.DecimalField(
        _("norm: maximale ratio"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    calculation = models.CharField(
        _("rekenmethode volgens de nota"),
        max_length=24,
        choices=Calculation.choices,
        default=Calculation.SIMULATION,
        help_text=_("De methode waarmee de benodigde weerstandscapaciteit officieel wordt bepaald."),
    )
    calculation_factor = models.DecimalField(
        _("factor"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("Vermenigvuldigt de gekozen som, bijvoorbeeld 0,7 voor 70% van de som van de maxima."),
    )
    #: The organisation's own ratio classes (engine.capacity.RatioScale.to_dict); empty: the NAR table.
    ratio_scale = models.JSONField(_("eigen schaal voor de ratio"), default=dict, blank=True)
    review_interval_days = models.PositiveSmallIntegerField(_("herbeoordeling na (dagen)"), default=180)
    signal_response_days = models.PositiveSmallIntegerField(
        _("meldingen beantwoorden binnen (werkdagen)"), default=10, validators=[MinValueValidator(1)]
    )
    #: E-mail domains (lower case, e.g. "aadorp.nl") whose people may join through single sign-on: the
    #: beheerder's choice; a first SSO login from another domain is refused (organisations.sso).
    sso_domains = models.JSONField(_("toegestane domeinen voor single sign-on"), default=list, blank=True)
    #: "Alleen single sign-on": an account linked to a provider (ExternalIdentity) logs in through the
    #: provider only; its password is refused at the login page (organisations.sso.password_refused).
    sso_only = models.BooleanField(_("gekoppelde accounts alleen via single sign-on"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="organisation_code_unique"
            )
        ]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def calculation_method(self) -> CalculationMethod:
        """The official method (engine.conventional); the simulation never has a factor."""
        factor = 1.0 if self.calculation == self.Calculation.SIMULATION else float(self.calculation_factor)
        return CalculationMethod(CalculationName(self.calculation), factor)

    @property
    def scale(self) -> RatioScale:
        """The organisation's own ratio scale, or the NAR/Universiteit Twente table."""
        return RatioScale.from_dict(self.ratio_scale) if self.ratio_scale else NAR_SCALE

    @property
    def bands(self) -> GevolgBands:
        return GevolgBands((self.band_1, self.band_2, self.band_3, self.band_4))


class Membership(models.Model):
    """A user's place in an organisation. The role decides what they may do there."""

    class Role(models.TextChoices):
        MEDEWERKER = "medewerker", _("Medewerker")
        RISK_OWNER = "risico-eigenaar", _("Risico-eigenaar")
        CONTROLLER = "controller", _("Controller / risicomanager")
        BESTUUR = "bestuur", _("Bestuur")
        LEZER = "lezer", _("Lezer")
        BEHEERDER = "beheerder", _("Beheerder")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEDEWERKER)
    #: Further roles the same person holds in this organisation (a controller who is also beheerder).
    extra_roles = models.JSONField(_("extra rollen"), default=list, blank=True)
    team = models.CharField(_("team of programma"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("team of afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    function = models.CharField(_("functie"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__name"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def roles(self) -> frozenset[str]:
        """Every role this person holds here: the main role and the extra ones."""
        return frozenset({self.role, *(self.extra_roles or [])})

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    # What a role may do: the rules live in ``organisations.rules`` (one per action); these are shortcuts
    # for templates and views, so they never compare role strings.
    @property
    def can_edit_all_risks(self) -> bool:
        return self._may("edit_all_risks")

    @property
    def can_edit_own_risks(self) -> bool:
        return self._may("edit_own_risks")

    @property
    def can_manage_settings(self) -> bool:
        return self._may("manage_settings")

    @property
    def can_read_paragraph(self) -> bool:
        """Capacity, separately computed groups and kengetallen: those who write or adopt the paragraph."""
        return self._may("read_paragraph")

    @property
    def can_read_register(self) -> bool:
        return self._may("read_register")  # every member reads the register of their organisation

    @property
    def can_manage_people(self) -> bool:
        return self._may("manage_people")

    def _may(self, action: str) -> bool:
        from risicokompas.organisations.rules import may  # rules import this module

        return may(self, action)


class Unit(models.Model):
    """A part of the organisation: directie → afdeling → team (a small hierarchy)."""

    class Kind(models.TextChoices):
        DIRECTORATE = "directie", _("Directie")
        DEPARTMENT = "afdeling", _("Afdeling")
        TEAM = "team", _("Team")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.TEAM)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        # A part with parts under it is not deleted on its own; with its organisation it is.
        on_delete=models.RESTRICT,
        related_name="children",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_name_per_org")]
        verbose_name = _("organisatieonderdeel")
        verbose_name_plural = _("organisatieonderdelen")

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A programma of the begroting, in the begroting's order: risks and signals are grouped by it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(_("naam"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="programme_name_per_org")
        ]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self) -> str:
        return self.name


class Function(models.Model):
    """A function in the organisation (e.g. "Manager Sociaal Domein"): a risk may be owned by a function
    that has no account, and a member is shown with theirs."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="functions")
    name = models.CharField(_("naam"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="function_name_per_org")]
        verbose_name = _("functie")
        verbose_name_plural = _("functies")

    def __str__(self) -> str:
        return self.name


class ExternalIdentity(models.Model):
    """A person's account at a single sign-on provider: the provider's short name and its ``sub`` (the
    identifier the provider never reuses). A login through that provider finds the person by this pair,
    never by e-mail address. Made at the first SSO login, or when an existing account is linked (a verified
    e-mail address at login, or the person from their account page); a beheerder can remove it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    provider = models.CharField(_("provider"), max_length=40)
    subject = models.CharField(_("kenmerk bij de provider (sub)"), max_length=255)
    email = models.EmailField(_("e-mailadres bij de eerste aanmelding"), blank=True)
    created_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")
        ]
        verbose_name = _("externe identiteit")
        verbose_name_plural = _("externe identiteiten")

    def __str__(self) -> str:
        return f"{self.provider}: {self.subject}"

    @property
    def provider_name(self) -> str:
        """The provider's name as configured (OIDC_<NAME>_NAME), or its short name when no longer configured."""
        return getattr(settings, "OIDC_PROVIDERS", {}).get(self.provider, {}).get("name", self.provider)
