# SPDX-License-Identifier: EUPL-1.2
"""Calibration (DESIGN C10): were the estimates any good? What happened, checked against what was estimated.

Input is a ``History``: per year, every register estimate with whether it occurred and what it cost, plus
the losses that were not in the register (surprises). ``calibrate`` returns four checks:

- probabilities: the Brier score, its reference (always predicting the observed frequency), the skill
  score, and a reliability table per kansklasse with a Wilson interval;
- required capacity: per year the realised loss beside the required capacity of that year's register, its
  place in the simulated distribution (PIT), and Kupiec's test of the number of exceedances;
- amounts: of the risks that occurred, the share whose amount fell inside the estimated range;
- surprises: number and amount of losses not in the register, and their share of all realised losses.

A handful of years can prove little, and the results say so: the exceedance test carries a plain-Dutch
reading that states how many exceedances it would take before the test says anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from scipy import special, stats

from risicokompas.engine.distributions import Fixed, LogNormal
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import Profile, Risk, Settings
from risicokompas.engine.present import format_number, format_percent
from risicokompas.engine.riskmap import CLASSES, probability_class
from risicokompas.engine.simulate import simulate

#: The kansklasse bands of the reliability table (DESIGN §5), by kansklasse.
BAND_LABELS: dict[int, str] = {1: "≤ 10%", 2: "10–30%", 3: "30–50%", 4: "50–70%", 5: "> 70%"}

#: Significance level of the exceedance test in its plain-Dutch reading.
SIGNIFICANCE = 0.05


# --- input ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What became of one estimate in one year, or a loss that was not in the register.

    ``risk`` is the estimate as the register held it for ``year``; None marks a surprise, a loss outside
    the register, which by definition occurred. ``amount`` is the realised loss in euros (0 when the risk
    did not occur); for a structural risk it is the amount per year, like the estimate.
    """

    year: int
    risk: Risk | None
    occurred: bool
    amount: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise EngineInputError("jaar", f"{self.year!r} is geen jaartal")
        a = self.amount
        if isinstance(a, bool) or not isinstance(a, int | float) or not math.isfinite(a) or a < 0:
            raise EngineInputError("werkelijk_bedrag", f"{self.label}: {a!r} is geen bedrag van 0 of meer")
        if self.risk is None and not self.occurred:
            raise EngineInputError(
                "opgetreden", f"{self.label}: een verlies buiten het register is opgetreden"
            )
        if not self.occurred and a > 0:
            raise EngineInputError("werkelijk_bedrag", f"{self.label}: niet opgetreden, maar wel een bedrag")

    @property
    def label(self) -> str:
        return self.name or (self.risk.name if self.risk is not None else "verlies buiten het register")

    @property
    def is_surprise(self) -> bool:
        return self.risk is None


@dataclass(frozen=True)
class History:
    """The outcomes of several years. A year's register is its outcomes that have a risk."""

    outcomes: tuple[Outcome, ...]
    structural_years: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", tuple(self.outcomes))
        for year in self.years:
            self.profile(year)  # a duplicate id within a year is an EngineInputError now, not later

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({outcome.year for outcome in self.outcomes}))

    @property
    def estimates(self) -> tuple[Outcome, ...]:
        """The outcomes of register risks (every one has a kans), over all years."""
        return tuple(o for o in self.outcomes if o.risk is not None)

    @property
    def surprises(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.risk is None)

    def profile(self, year: int) -> Profile:
        """The risk profile the register held for ``year``."""
        risks = tuple(o.risk for o in self.outcomes if o.year == year and o.risk is not None)
        return Profile(risks=risks, structural_years=self.structural_years)

    def realised(self, year: int) -> float:
        """The realised counterpart of the simulated yearly loss S of ``year``.

        Σ amount · m over the register risks that occurred and count in the profile (an excluded risk is
        covered by a voorziening or insurance), where m is the number of years a structural risk counts,
        exactly as in S; plus every surprise once, because it too had to be absorbed.
        """
        total = 0.0
        for o in self.outcomes:
            if o.year != year or not o.occurred:
                continue
            if o.risk is None:
                total += o.amount
            elif not o.risk.excluded:
                total += o.amount * o.risk.multiplier(self.structural_years)
        return total


# --- probabilities -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrierScore:
    """Brier score B, its reference B_ref and the skill 1 − B/B_ref (None where undefined)."""

    n: int
    base_rate: float | None
    score: float | None
    reference: float | None
    skill: float | None


def brier_score(probabilities: Sequence[float], occurred: Sequence[bool]) -> BrierScore:
    """B = (1/n) Σ (pᵢ − oᵢ)², with oᵢ = 1 when risk i occurred (Brier 1950, Monthly Weather Review 78).

    The reference always predicts the base rate ō = (1/n) Σ oᵢ: B_ref = (1/n) Σ (ō − oᵢ)² = ō(1 − ō). The
    skill score is 1 − B/B_ref: 1 is perfect, 0 no better than the base rate, below 0 worse. When every
    risk occurred, or none did, B_ref = 0 and the skill is undefined (None).
    """
    if len(probabilities) != len(occurred):
        raise EngineInputError("kans", "evenveel kansen als uitkomsten nodig")
    outcomes = [1.0 if o else 0.0 for o in occurred]
    squared_error = math.fsum((p - o) ** 2 for p, o in zip(probabilities, outcomes, strict=True))
    return brier_from_sums(len(outcomes), sum(1 for o in occurred if o), squared_error)


def brier_from_sums(n: int, occurred: int, squared_error: float) -> BrierScore:
    """The Brier score from its sufficient statistics: n risk-years, how many occurred, and Σ (pᵢ − oᵢ)².

    B = Σ (pᵢ − oᵢ)² / n, ō = occurred / n, B_ref = ō(1 − ō), skill = 1 − B/B_ref. Because these sums add
    up, the score of several organisations together needs only each one's three numbers (``pool``).
    """
    if n < 0 or not 0 <= occurred <= n or not math.isfinite(squared_error) or squared_error < 0:
        raise EngineInputError("aantal", f"{occurred} opgetreden van {n} risicojaren kan niet")
    if n == 0:
        return BrierScore(0, None, None, None, None)
    score = squared_error / n
    base_rate = occurred / n
    reference = base_rate * (1 - base_rate)
    skill = 1 - score / reference if reference > 0 else None
    return BrierScore(n, base_rate, score, reference, skill)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (Wilson 1927, JASA 22; Newcombe 1998, Stat Med 17).

    With p̂ = k/n and z = Φ⁻¹((1 + confidence)/2):
        centre = (p̂ + z²/2n) / (1 + z²/n),  half width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
    Unlike p̂ ± z√(p̂(1−p̂)/n) it stays inside [0, 1] and is not empty at k = 0 or k = n.
    """
    if n < 1 or not 0 <= successes <= n:
        raise EngineInputError("aantal", f"{successes} van {n} is geen geldige verhouding")
    z = float(special.ndtri((1 + confidence) / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class ReliabilityBand:
    """One kansklasse: how often its risks were predicted to occur and how often they did."""

    kansklasse: int
    label: str
    n: int
    predicted: float | None  # mean estimated kans
    observed: float | None  # share that occurred
    lower: float | None  # Wilson interval of ``observed``
    upper: float | None


def reliability(
    probabilities: Sequence[float], occurred: Sequence[bool], confidence: float = 0.95
) -> tuple[ReliabilityBand, ...]:
    """The reliability table: per kansklasse band (≤10, ≤30, ≤50, ≤70, >70%) the mean estimated kans,
    the observed frequency, the number of risk-years and the Wilson interval of that frequency.

    Well-calibrated estimates have each band's mean kans inside its interval. Every band is listed; an
    empty band has n = 0 and no numbers.
    """
    bands = []
    for kansklasse in CLASSES:
        members = [
            (p, o) for p, o in zip(probabilities, occurred, strict=True) if probability_class(p) == kansklasse
        ]
        n = len(members)
        if n == 0:
            bands.append(ReliabilityBand(kansklasse, BAND_LABELS[kansklasse], 0, None, None, None, None))
            continue
        hits = sum(1 for _, o in members if o)
        lower, upper = wilson_interval(hits, n, confidence)
        predicted = sum(p for p, _ in members) / n
        bands.append(
            ReliabilityBand(kansklasse, BAND_LABELS[kansklasse], n, predicted, hits / n, lower, upper)
        )
    return tuple(bands)


# --- required capacity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearCheck:
    """One year: the realised loss beside the required capacity, and its place F(realised) in the
    simulated distribution of that year's register (the probability integral transform, PIT)."""

    year: int
    required_capacity: float
    realised: float
    exceeded: bool
    pit: float


def check_year(year: int, profile: Profile, realised: float, settings: Settings) -> YearCheck:
    """Simulate the year's register and place the realised loss in it.

    The PIT is F(realised) = 1 − P(S > realised), which the engine computes as the probability of
    exceeding a capacity equal to the realised loss. If the estimates are right, PITs over the years are
    uniform on [0, 1]; a year counts as exceeded when the realised loss is above the required capacity.
    On an atom of S (a year without loss when P(S = 0) > 0) both methods give the top of the jump, F(x):
    the exact method carries atoms exactly.
    """
    result = simulate(profile, replace(settings, capacity=realised, drivers=False))
    required = result.required_capacity
    assert result.p_exceed_capacity is not None, "a run with a capacity has its exceedance chance"
    return YearCheck(
        year=year,
        required_capacity=required,
        realised=realised,
        exceeded=realised > required,
        pit=1.0 - float(result.p_exceed_capacity),
    )


def kupiec_pof(exceedances: int, years: int, certainty: float) -> tuple[float, float]:
    """Kupiec's proportion-of-failures test (Kupiec 1995, Journal of Derivatives 3(2)): (LR, p-value).

    With x exceedances in n years and expected rate p = 1 − certainty,
        LR = −2 ln[(1 − p)^(n−x) p^x] + 2 ln[(1 − x/n)^(n−x) (x/n)^x],  with 0·ln 0 = 0,
    which is χ²(1)-distributed when the rate is right; the p-value is P(χ²₁ > LR). At x = 0 this is
    −2n ln(1 − p), at x = n it is −2n ln p.
    """
    if years < 1 or not 0 <= exceedances <= years:
        raise EngineInputError("jaren", f"{exceedances} overschrijdingen in {years} jaar kan niet")
    n, x, p = years, exceedances, 1.0 - certainty
    observed = x / n
    log_null = special.xlogy(n - x, 1 - p) + special.xlogy(x, p)
    log_alternative = special.xlogy(n - x, 1 - observed) + special.xlogy(x, observed)
    statistic = max(0.0, float(-2 * (log_null - log_alternative)))
    return statistic, float(stats.chi2.sf(statistic, 1))


@dataclass(frozen=True)
class ExceedanceTest:
    """Exceedances of the required capacity counted against the expected (1 − certainty) × years."""

    level: float
    years: int
    exceeded: int
    expected: float
    statistic: float | None
    p_value: float | None

    @property
    def reading(self) -> str:
        """What the count says, in plain Dutch, including how little a few years can prove."""
        if self.years == 0:
            return "Er zijn geen jaren met een uitkomst; de overschrijdingen zijn niet te toetsen."
        text = (
            f"In {self.years} jaar is de benodigde weerstandscapaciteit {self.exceeded} keer overschreden; "
            f"bij {format_percent(self.level)} zekerheid is {format_number(self.expected, 1)} keer te "
            "verwachten. "
        )
        text += _chance_sentence(self.exceeded, self.years, self.level)
        assert self.p_value is not None, "a test over one year or more has a p-value"
        p_text = "p < 0,01" if self.p_value < 0.005 else f"p = {format_number(self.p_value, 2)}"
        if self.p_value < SIGNIFICANCE:
            verdict = "te laag geraamd" if self.exceeded > self.expected else "ruimer geraamd dan nodig"
            text += (
                f"Volgens de Kupiec-toets is dat meer verschil dan toeval goed verklaart ({p_text}): de "
                "risico's zijn vermoedelijk "
                f"{verdict}. "
            )
        else:
            text += f"Volgens de Kupiec-toets kan dat verschil toeval zijn ({p_text}). "
        return text + _power_sentence(self.years, self.level)


def _chance_sentence(exceeded: int, years: int, certainty: float) -> str:
    """The exact binomial chance of a count at least this far from the expectation, if the estimate is right."""
    p = 1 - certainty
    if exceeded == 0:
        chance, what = stats.binom.pmf(0, years, p), "geen enkele overschrijding"
    elif exceeded >= p * years:
        chance, what = stats.binom.sf(exceeded - 1, years, p), f"{exceeded} of meer overschrijdingen"
    else:
        chance, what = stats.binom.cdf(exceeded, years, p), f"{exceeded} of minder overschrijdingen"
    return f"Als de raming klopt, is de kans op {what} in {years} jaar {format_percent(float(chance))}. "


def _power_sentence(years: int, certainty: float) -> str:
    alarm = next(
        (
            k
            for k in range(years + 1)
            if k > (1 - certainty) * years and kupiec_pof(k, years, certainty)[1] < SIGNIFICANCE
        ),
        None,
    )
    if alarm is None:
        text = f"Met {years} jaar kan geen enkel aantal overschrijdingen de raming weerleggen"
    else:
        text = f"Met {years} jaar wijst de toets een raming pas af bij {alarm} of meer overschrijdingen"
    # Zero exceedances give LR = −2n ln(certainty); the test rejects once that passes the χ²₁ critical value.
    needed = math.floor(stats.chi2.isf(SIGNIFICANCE, 1) / (-2 * math.log(certainty))) + 1
    if needed > years:
        text += f", en wijst geen enkele overschrijding pas na {needed} jaar op een te ruime raming"
    return text + "."


def exceedance_test(checks: Sequence[YearCheck], certainty: float) -> ExceedanceTest:
    """Count the exceeded years and test the count with ``kupiec_pof`` (no test without years)."""
    n = len(checks)
    x = sum(1 for c in checks if c.exceeded)
    statistic = p_value = None
    if n:
        statistic, p_value = kupiec_pof(x, n, certainty)
    return ExceedanceTest(certainty, n, x, (1 - certainty) * n, statistic, p_value)


# --- amounts and surprises -----------------------------------------------------------------------------


def estimated_range(risk: Risk) -> tuple[float, float]:
    """The range [min, max] the register gave for the amount: the impact's minimum and maximum.

    A fixed amount is the range [amount, amount]; a lognormal impact has no maximum, so its range is
    [0, the 90%-value] that the register's maximum column holds.
    """
    impact = risk.impact
    if isinstance(impact, Fixed):
        return impact.value, impact.value
    if isinstance(impact, LogNormal):
        return 0.0, impact.p90
    return impact.low, impact.high


@dataclass(frozen=True)
class AmountCheck:
    """Of the register risks that occurred: how many realised amounts fell inside or above the range."""

    occurred: int
    within: int
    above: int

    @property
    def within_range(self) -> float | None:
        return self.within / self.occurred if self.occurred else None

    @property
    def above_max(self) -> float | None:
        return self.above / self.occurred if self.occurred else None


def amount_check(outcomes: Sequence[Outcome]) -> AmountCheck:
    """Count the occurred register risks whose amount lay in [min, max] and those above max."""
    occurred = [(o.risk, o.amount) for o in outcomes if o.risk is not None and o.occurred]
    within = above = 0
    for risk, amount in occurred:
        low, high = estimated_range(risk)
        within += low <= amount <= high
        above += amount > high
    return AmountCheck(len(occurred), within, above)


@dataclass(frozen=True)
class Surprises:
    """Losses not in the register: how many, how much, and their share of all realised losses."""

    count: int
    amount: float
    share: float | None  # surprise amount / all realised amounts (None when nothing was lost)


def surprise_summary(outcomes: Sequence[Outcome]) -> Surprises:
    """share = Σ surprise amounts / Σ all realised amounts (register risks and surprises, each once)."""
    surprises = [o for o in outcomes if o.risk is None]
    amount = float(sum(o.amount for o in surprises))
    total = float(sum(o.amount for o in outcomes if o.occurred))
    return Surprises(len(surprises), amount, amount / total if total > 0 else None)


# --- all together --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationResult:
    certainty: float
    brier: BrierScore
    bands: tuple[ReliabilityBand, ...]
    years: tuple[YearCheck, ...]
    exceedance: ExceedanceTest
    amounts: AmountCheck
    surprises: Surprises

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, full precision; the keys of ``risicokompas calibrate --json``."""
        return {
            "brier": self.brier.score,
            "brier_reference": self.brier.reference,
            "brier_skill": self.brier.skill,
            "calibration": [
                {
                    "band": band.label,
                    "predicted": band.predicted,
                    "observed": band.observed,
                    "n": band.n,
                    "interval": None if band.lower is None else [band.lower, band.upper],
                }
                for band in self.bands
            ],
            "years": [
                {
                    "year": y.year,
                    "required_capacity": y.required_capacity,
                    "realised": y.realised,
                    "exceeded": y.exceeded,
                    "pit": y.pit,
                }
                for y in self.years
            ],
            "exceedance": {
                "level": self.exceedance.level,
                "years": self.exceedance.years,
                "exceeded": self.exceedance.exceeded,
                "expected": self.exceedance.expected,
                "p_value": self.exceedance.p_value,
            },
            "amounts": {
                "occurred": self.amounts.occurred,
                "within_range": self.amounts.within_range,
                "above_max": self.amounts.above_max,
            },
            "surprises": {
                "count": self.surprises.count,
                "amount": self.surprises.amount,
                "share": self.surprises.share,
            },
        }


def calibrate(history: History, settings: Settings | None = None) -> CalibrationResult:
    """Check a history of estimates against what happened (see the module docstring).

    ``settings`` gives the certainty and how each year's register is simulated; its capacity is not used.
    """
    settings = settings or Settings()
    # Every estimate has a risk (see History.estimates); the check narrows the type.
    estimates = [(o.risk, o.occurred) for o in history.estimates if o.risk is not None]
    probabilities = [risk.probability for risk, _ in estimates]
    occurred = [happened for _, happened in estimates]
    checks = tuple(
        check_year(year, history.profile(year), history.realised(year), settings) for year in history.years
    )
    return CalibrationResult(
        certainty=settings.certainty,
        brier=brier_score(probabilities, occurred),
        bands=reliability(probabilities, occurred),
        years=checks,
        exceedance=exceedance_test(checks, settings.certainty),
        amounts=amount_check(history.outcomes),
        surprises=surprise_summary(history.outcomes),
    )


# --- several organisations together --------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationCounts:
    """One organisation's share in a pooled calibration: counts and sums only, nothing about any one risk.

    ``years`` checked years, of which ``exceeded`` had a realised loss above the required capacity at
    ``certainty``; ``risk_years`` register estimates, of which ``occurred`` occurred, with
    ``squared_error`` = Σ (pᵢ − oᵢ)² over them (the Brier score's numerator).
    """

    certainty: float
    years: int
    exceeded: int
    risk_years: int
    occurred: int
    squared_error: float

    def __post_init__(self) -> None:
        if not 0 < self.certainty < 1:
            raise EngineInputError("zekerheid", f"{self.certainty!r} ligt niet tussen 0 en 1")
        if not 0 <= self.exceeded <= self.years:
            raise EngineInputError("jaren", f"{self.exceeded} overschrijdingen in {self.years} jaar kan niet")
        if not 0 <= self.occurred <= self.risk_years:
            raise EngineInputError("aantal", f"{self.occurred} opgetreden van {self.risk_years} kan niet")
        if not math.isfinite(self.squared_error) or not 0 <= self.squared_error <= self.risk_years:
            raise EngineInputError("kans", f"kwadratische fout {self.squared_error!r} kan niet")


def calibration_counts(history: History, settings: Settings | None = None) -> CalibrationCounts:
    """The counts of ``history``: each year simulated as in ``calibrate`` (``check_year``), the estimates
    summed as in ``brier_score``."""
    settings = settings or Settings()
    estimates = [(o.risk.probability, o.occurred) for o in history.estimates if o.risk is not None]
    checks = [
        check_year(year, history.profile(year), history.realised(year), settings) for year in history.years
    ]
    return CalibrationCounts(
        certainty=settings.certainty,
        years=len(checks),
        exceeded=sum(1 for check in checks if check.exceeded),
        risk_years=len(estimates),
        occurred=sum(1 for _, happened in estimates if happened),
        squared_error=math.fsum((p - (1.0 if happened else 0.0)) ** 2 for p, happened in estimates),
    )


@dataclass(frozen=True)
class PooledCalibration:
    """Several organisations' counts together: one Brier score over all risk-years and one exceedance test
    over all organisation-years."""

    contributors: int
    brier: BrierScore
    exceedance: ExceedanceTest


def pool(counts: Sequence[CalibrationCounts]) -> PooledCalibration:
    """Add up the counts and test them as if they were one organisation's.

    Brier: ``brier_from_sums`` of Σ risk-years, Σ occurred and Σ squared error, so the pooled score is the
    mean over every risk-year of every organisation (an organisation with more risks weighs more).

    Exceedances: x = Σ exceeded in n = Σ years organisation-years, against the expected
    E = Σ (1 − certaintyⱼ) · yearsⱼ, tested with ``kupiec_pof`` at the rate E / n. When every organisation
    uses the same certainty (the usual 90%) this is exactly Kupiec's test with p = 1 − certainty. With
    different levels the count is Poisson-binomial, whose variance Σ pⱼ(1 − pⱼ) is at most n·p̄(1 − p̄):
    the test at the mean rate p̄ = E / n is then an approximation that errs on the cautious side.
    """
    years = sum(c.years for c in counts)
    exceeded = sum(c.exceeded for c in counts)
    expected = math.fsum((1 - c.certainty) * c.years for c in counts)
    if years:
        level = 1 - expected / years
        statistic, p_value = kupiec_pof(exceeded, years, level)
        test = ExceedanceTest(level, years, exceeded, expected, statistic, p_value)
    else:
        level = counts[0].certainty if counts else Settings().certainty
        test = ExceedanceTest(level, 0, 0, 0.0, None, None)
    brier = brier_from_sums(
        sum(c.risk_years for c in counts),
        sum(c.occurred for c in counts),
        math.fsum(c.squared_error for c in counts),
    )
    return PooledCalibration(len(counts), brier, test)
