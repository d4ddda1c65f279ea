# SPDX-License-Identifier: EUPL-1.2
"""Demo awareness data for Gemeente Voorbeeldrecht: signals, risk conversations, rules and deviations.

Plain data only, read by ``manage.py load_demo_awareness``, which creates the records through the apps' own
services. Every moment is a number of days before the day the loader runs (negative: in the future), so
the records always fall in the period that ends today. People are named by their demo username; the texts
never name a person, and hold no citizen's personal data: a case is "een jongere", "een gezin".

Keys used below:

- signals: ``key`` (to refer to the signal's risk from a conversation), the signal's own fields,
  ``reporter`` (a username, ``None`` for an anonymous signal), ``filed`` (days ago), and for a handled signal
  ``outcome`` ("nieuw risico", "samengevoegd" or "afgewezen"), ``handler``, ``working_days`` (after filing)
  and ``answer`` (``{code}`` is replaced by the risk's code); ``risk`` is the new risk's values or the
  code of the risk it is merged into.
- rules: the rule's fields, ``owner`` (a username), ``risks`` (codes), ``created`` (days ago) and
  ``review_in`` (days from today).
- deviations: ``rule`` (its title), ``recorder`` (a username; the deviation's team is the recorder's team),
  the deviation's fields, ``acted`` (days ago), ``steps`` (days ago of each step that happened:
  recorded, uitgevoerd, besproken, moresprudentie, gepubliceerd, afgesloten), ``deliberation`` and
  ``precedent`` with their fields and who recorded them (``by``).
- conversations: the conversation's fields, ``date`` (days ago), ``organiser`` and ``participants``
  (usernames), ``items`` (agenda items with their decision), ``actions``, and for the pre-mortem
  ``premortem`` (the round's items: author, text, cluster, chosen) and ``estimates`` (per cluster, the
  first estimate of the risk it became). The text of a "maatregel" decision has no final full stop: the
  risk's history adds ": Maatregel toegevoegd: …" to it.
"""

from __future__ import annotations

from typing import Any

SOCIAAL = "Sociaal domein"
BESTUUR = "Bestuur en ondersteuning"
VERKEER = "Verkeer, vervoer en waterstaat"
RUIMTE = "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing"
ONDERWIJS = "Onderwijs"
ECONOMIE = "Economie"

#: The register as loaded by ``load_demo`` is dated this many days back, before the first record below,
#: so that a risk's history reads in order: created first, then discussed.
REGISTER_AGE_DAYS = 400

#: Why an agenda item of each kind is on the agenda, when the item does not say so itself.
AGENDA_REASONS: dict[str, str] = {
    "herbeoordeling": "Herbeoordeling nodig",
    "melding": "Uit een melding",
    "gewijzigde inschatting": "Inschatting gewijzigd sinds de vorige momentopname",
    "grootste risico": "Grote bijdrage aan de benodigde weerstandscapaciteit",
    "actiepunt": "Actiepunt uit een vorig gesprek",
}

SIGNALS: tuple[dict[str, Any], ...] = (
    {
        "key": "wachttijden-jeugdhulp",
        "title": "Wachttijden specialistische jeugdhulp lopen op, meer spoedplaatsingen",
        "threatens": "Tijdige en passende hulp voor jeugdigen; het budget jeugdzorg",
        "cause": (
            "Gecontracteerde aanbieders hebben wachtlijsten van acht tot twaalf weken. Gezinnen raken in de "
            "tussentijd vaker in crisis."
        ),
        "consequence": (
            "Meer spoedplaatsingen tegen hogere tarieven, en zwaardere hulp dan nodig was geweest als er op "
            "tijd was ingegrepen."
        ),
        "likelihood_class": 4,
        "impact_class": 3,
        "programme": SOCIAAL,
        "reporter": "medewerker",
        "filed": 172,
        "outcome": "samengevoegd",
        "risk": "R40",
        "handler": "eigenaar",
        "working_days": 6,
        "answer": (
            "Dank voor je melding. We hebben haar toegevoegd aan risico {code} (open-einde regelingen "
            "jeugdzorg): de wachttijden en spoedplaatsingen nemen we mee in de inschatting en in de "
            "regionale inkoopgesprekken."
        ),
    },
    {
        "key": "belastingpakket",
        "title": "Leverancier stopt met de ondersteuning van het huidige belastingpakket",
        "threatens": "Tijdige aanslagoplegging van de OZB en de afvalstoffenheffing",
        "cause": (
            "De leverancier heeft aangekondigd dat de huidige versie over ruim een jaar niet meer wordt "
            "ondersteund. De overstap naar het nieuwe pakket is nog niet begroot."
        ),
        "consequence": (
            "Extra kosten voor de migratie en tijdelijke inhuur. Bij vertraging gaan de aanslagen later de "
            "deur uit en komen de belastingopbrengsten later binnen."
        ),
        "likelihood_class": 3,
        "impact_class": 3,
        "programme": BESTUUR,
        "reporter": "beheerder",
        "filed": 151,
        "outcome": "nieuw risico",
        "risk": {
            "name": "Migratie belastingpakket: meerkosten en vertraging",
            "probability": "0.5",
            "impact_min": 80_000,
            "impact_max": 300_000,
            "owner_label": "Teamleider Belastingen",
            "measures_text": "Migratieplan met de leverancier; budget aanvragen bij de voorjaarsnota.",
        },
        "handler": "controller",
        "working_days": 5,
        "answer": (
            "Dank je wel. Je melding staat als risico {code} in het register. De teamleider Belastingen is "
            "eigenaar en maakt met Informatievoorziening een migratieplan."
        ),
    },
    {
        "key": "omgevingswet",
        "title": "Achterstand bij vergunningaanvragen onder de Omgevingswet: dwangsommen dreigen",
        "threatens": "Tijdig beslissen op aanvragen om een omgevingsvergunning",
        "cause": (
            "Sinds de invoering van de Omgevingswet kost de beoordeling meer tijd, er staan twee vacatures "
            "open en de koppeling met het Omgevingsloket geeft regelmatig storingen."
        ),
        "consequence": (
            "Aanvragers stellen de gemeente in gebreke. Bij niet tijdig beslissen zijn dwangsommen "
            "verschuldigd, en de leges komen later binnen."
        ),
        "likelihood_class": 3,
        "impact_class": 2,
        "programme": RUIMTE,
        "reporter": None,
        "filed": 128,
        "outcome": "nieuw risico",
        "risk": {
            "name": "Niet tijdig beslissen op omgevingsvergunningen: dwangsommen",
            "probability": "0.3",
            "impact_min": 20_000,
            "impact_max": 150_000,
            "owner_label": "Teamleider Vergunningen en Handhaving",
        },
        "handler": "controller",
        "working_days": 15,  # later than the ten working days the organisation promises
        "answer": (
            "Dank voor uw melding, en excuses dat het antwoord later komt dan beloofd: we wilden eerst de "
            "doorlooptijden van de afgelopen maanden bekijken. Uw melding is als risico {code} in het "
            "register opgenomen; de maatregelen worden besproken in de volgende risicodialoog."
        ),
    },
    {
        "key": "drukwerk",
        "title": "Hogere kosten voor drukwerk en porto van de belastingaanslagen",
        "threatens": "Het budget voor drukwerk en verzending",
        "cause": "Papierprijzen en posttarieven zijn dit jaar sterker gestegen dan de indexatie.",
        "consequence": "Enkele duizenden euro's meer kosten dan begroot.",
        "likelihood_class": 4,
        "impact_class": 1,
        "programme": BESTUUR,
        "reporter": "lezer",
        "filed": 104,
        "outcome": "afgewezen",
        "handler": "controller",
        "working_days": 4,
        "answer": (
            "Dank voor het meedenken. We nemen dit niet op als risico: het gaat om een kleine, vrijwel "
            "zekere overschrijding die de afdeling binnen haar begroting opvangt en in de tussenrapportage "
            "meldt. Het risicoregister is voor onzekere gebeurtenissen die de weerstandscapaciteit kunnen "
            "raken. Het voorstel om meer aanslagen digitaal te versturen loopt al."
        ),
    },
    {
        "key": "huishoudelijke-hulp",
        "title": "Aanbieder huishoudelijke hulp overweegt het contract niet te verlengen",
        "threatens": "De continuïteit van de Wmo-huishoudelijke hulp",
        "cause": (
            "Een grote aanbieder meldt dat het tarief de loonkosten niet meer dekt en overweegt het contract "
            "na dit jaar niet te verlengen."
        ),
        "consequence": (
            "Cliënten moeten overstappen naar een andere aanbieder, die waarschijnlijk een hoger tarief "
            "vraagt."
        ),
        "likelihood_class": 4,
        "impact_class": 3,
        "programme": SOCIAAL,
        "reporter": "eigenaar",
        "filed": 83,
        "outcome": "samengevoegd",
        "risk": "R41",
        "handler": "controller",
        "working_days": 3,
        "answer": (
            "Toegevoegd aan risico {code} (tekort Wmo huishoudelijke hulp). De contractmanager Zorg gaat met "
            "de aanbieder in gesprek over het tarief; de inschatting komt op de agenda van de risicodialoog."
        ),
    },
    {
        "key": "hitte",
        "title": "Buitendienst werkt bij extreme hitte zonder aangepaste werktijden",
        "threatens": "De gezondheid van medewerkers van de buitendienst",
        "cause": "Er is geen afspraak over aangepaste werktijden of extra pauzes bij temperaturen boven 30 graden.",
        "consequence": "Kans op uitval door hitte en op een hoger ziekteverzuim in de zomer.",
        "likelihood_class": 3,
        "impact_class": 1,
        "programme": VERKEER,
        "reporter": None,
        "filed": 61,
        "outcome": "afgewezen",
        "handler": "controller",
        "working_days": 7,
        "answer": (
            "Dank voor deze melding; het punt is terecht. Het hoort niet in het risicoregister, dat gaat "
            "over financiële risico's voor de gemeente, maar bij het arbobeleid. We hebben de melding "
            "doorgestuurd naar de arbocoördinator, die met de teamleider Buitendienst voor de zomer een "
            "hitteprotocol opstelt."
        ),
    },
    {
        "key": "gegevensuitwisseling",
        "title": "Gegevens over jeugdbeschermingszaken gaan via gewone e-mail naar de gecertificeerde instelling",
        "threatens": "De vertrouwelijkheid van gegevens van gezinnen",
        "cause": (
            "De beveiligde uitwisselvoorziening werkt niet met het nieuwe systeem van de gecertificeerde "
            "instelling, dus wordt er uitgeweken naar gewone e-mail."
        ),
        "consequence": "Een datalek met melding bij de Autoriteit Persoonsgegevens en mogelijk een boete.",
        "likelihood_class": 3,
        "impact_class": 2,
        "programme": SOCIAAL,
        "reporter": "medewerker",
        "filed": 24,  # still open long after its due date: overdue
    },
    {
        "key": "netcongestie",
        "title": "Kaveluitgifte Bedrijvenpark De Vaart stokt door netcongestie",
        "threatens": "De opbrengsten van de grondexploitatie Bedrijvenpark De Vaart",
        "cause": (
            "De netbeheerder kan nieuwe bedrijven voorlopig geen zware aansluiting geven. Twee "
            "geïnteresseerde ondernemers stellen de koop van hun kavel uit."
        ),
        "consequence": "Kavels worden later verkocht; de rentelasten en het tekort van de grondexploitatie lopen op.",
        "likelihood_class": 3,
        "impact_class": 4,
        "programme": ECONOMIE,
        "reporter": "netwerk",
        "filed": 4,  # open, and not yet due
    },
)

RULES: tuple[dict[str, Any], ...] = (
    {
        "title": "Jeugdhulp alleen via gecontracteerde aanbieders",
        "kind": "beleidsregel",
        "owner": "eigenaar",
        "purpose": (
            "Jeugdigen krijgen hulp van aanbieders waarvan de kwaliteit is getoetst, tegen tarieven die in "
            "de regio zijn afgesproken, zodat de hulp verantwoord en betaalbaar blijft en de gemeente "
            "toezicht kan houden op de aanbieder."
        ),
        "legal_basis": "Jeugdwet, art. 2.6; Verordening jeugdhulp Voorbeeldrecht",
        "hardship_clause": False,
        "mandate": 2,  # teamleider
        "risks": ("R40", "R46"),
        "created": 240,
        "review_in": 75,
    },
    {
        "title": "Meervoudig onderhands offertes vragen vanaf € 50.000",
        "kind": "procedure",
        "owner": "controller",
        "purpose": (
            "Door meerdere leveranciers te laten offreren krijgt de gemeente een marktconforme prijs, "
            "besteedt zij gemeenschapsgeld doelmatig en krijgen ondernemers een gelijke kans op opdrachten."
        ),
        "legal_basis": "Inkoop- en aanbestedingsbeleid Voorbeeldrecht; Gids Proportionaliteit",
        "hardship_clause": False,
        "mandate": 3,  # manager
        "risks": ("R06",),
        "created": 240,
        "review_in": 300,
    },
    {
        "title": "Nieuwe software pas gebruiken na toets op informatiebeveiliging en privacy",
        "kind": "protocol",
        "owner": "beheerder",
        "purpose": (
            "Voorkomen dat gegevens van inwoners en van de gemeente in onveilige toepassingen terechtkomen, "
            "en voldoen aan de Baseline Informatiebeveiliging Overheid en de AVG."
        ),
        "legal_basis": "Baseline Informatiebeveiliging Overheid (BIO); AVG, art. 32 en 35",
        "hardship_clause": False,
        "mandate": 3,  # manager
        "risks": ("R03", "R04"),
        "created": 235,
        "review_in": 180,
    },
    {
        "title": "Subsidieaanvragen na de indieningstermijn worden niet in behandeling genomen",
        "kind": "beleidsregel",
        "owner": "eigenaar",
        "purpose": (
            "Alle aanvragers krijgen dezelfde kans, en het subsidieplafond kan tijdig en eerlijk over de "
            "aanvragen worden verdeeld."
        ),
        "legal_basis": "Algemene subsidieverordening Voorbeeldrecht, art. 6",
        "hardship_clause": True,
        "mandate": 3,  # manager
        "risks": (),
        "created": 230,
        "review_in": 400,
    },
)

_JEUGDHULP = RULES[0]["title"]
_INKOOP = RULES[1]["title"]
_SOFTWARE = RULES[2]["title"]

DEVIATIONS: tuple[dict[str, Any], ...] = (
    {
        "rule": _JEUGDHULP,
        "recorder": "medewerker",
        "situation": (
            "Een jongere in een acute crisis had direct specialistische opvang nodig. Alle gecontracteerde "
            "aanbieders hadden een wachtlijst van meer dan zes weken."
        ),
        "why_letter_defeats_purpose": (
            "De regel moet verantwoorde en betaalbare jeugdhulp borgen. Wachten zou de veiligheid van de "
            "jongere in gevaar brengen en later zwaardere en duurdere hulp vragen: de letter volgen was in "
            "deze bijzondere omstandigheden onevenredig."
        ),
        "what_instead": (
            "Tijdelijke plaatsing voor hooguit drie maanden bij een niet-gecontracteerde aanbieder met een "
            "kwaliteitskeurmerk, tegen het regionale tarief, met een afgesproken overdracht naar een "
            "gecontracteerde aanbieder."
        ),
        "alternatives": "Wachten op een plek; een crisisplek buiten de regio tegen een hoger tarief.",
        "decided_by_level": 2,
        "decided_by_name": "Teamleider Jeugd en gezin",
        "accepted_risk": "R40",
        "accepted_risk_text": "Hogere kosten per dag en minder zicht op de kwaliteit dan bij een contractpartner.",
        "financial_effect": 18_000,
        "acted": 201,
        "steps": {
            "vastgelegd": 200,
            "uitgevoerd": 199,
            "besproken": 186,
            "moresprudentie": 185,
            "gepubliceerd": 185,
            "afgesloten": 184,
        },
        "deliberation": {
            "by": "controller",
            "case": "Tijdelijke plaatsing van een jongere in crisis bij een niet-gecontracteerde aanbieder.",
            "stake": (
                "De veiligheid en ontwikkeling van de jongere; voor de gemeente de kwaliteit van de hulp, de "
                "kosten en de afspraken met de gecontracteerde aanbieders."
            ),
            "values": ["menselijke maat", "zorgvuldigheid", "rechtmatigheid"],
            "values_text": (
                "Menselijke maat en zorgvuldigheid wogen zwaarder dan de letter van de inkoopregel; de "
                "rechtmatigheid is bewaakt met het regionale tarief, het keurmerk en de einddatum."
            ),
            "options": (
                "1. Wachten op een plek bij een gecontracteerde aanbieder. 2. Tijdelijk plaatsen bij een "
                "niet-gecontracteerde aanbieder. 3. Een crisisplek buiten de regio tegen een hoger tarief."
            ),
            "judgement": (
                "Optie 2 was de juiste keuze: direct veilig, tegen een verantwoord tarief en met een "
                "duidelijke einddatum."
            ),
            "damage_limitation": "Overdracht binnen drie maanden; contractmanagement is direct geïnformeerd.",
            "outcome": "onderschreven",
            "lesson": (
                "Bij acute onveiligheid gaat passende hulp voor. Leg dan meteen vast hoe en wanneer de "
                "overdracht naar een gecontracteerde aanbieder plaatsvindt."
            ),
            "participants": "Consulenten jeugd, teamleider, gedragswetenschapper",
        },
        "precedent": {
            "by": "controller",
            "publish": "direct",
            "summary": (
                "Een jongere in een acute crisis had direct specialistische opvang nodig, terwijl alle "
                "gecontracteerde aanbieders een wachtlijst van meer dan zes weken hadden. Het team plaatste "
                "de jongere tijdelijk bij een niet-gecontracteerde aanbieder met een kwaliteitskeurmerk, "
                "tegen het regionale tarief en met een afgesproken overdracht. Het team onderschreef de "
                "afwijking."
            ),
            "values": ["menselijke maat", "zorgvuldigheid", "rechtmatigheid"],
            "tipping_point": (
                "Acute onveiligheid van de jongere en geen gecontracteerd alternatief binnen de termijn die "
                "de situatie vraagt."
            ),
        },
    },
    {
        "rule": _JEUGDHULP,
        "recorder": "eigenaar",
        "situation": (
            "Een gezin verhuisde naar Voorbeeldrecht terwijl een kind midden in een behandeling zat bij een "
            "aanbieder die de gemeente niet heeft gecontracteerd."
        ),
        "why_letter_defeats_purpose": (
            "De regel moet kwaliteit en betaalbaarheid borgen. Overstappen midden in de behandeling zou het "
            "kind schaden en het traject verlengen; de aanbieder voldoet aan de kwaliteitseisen van de "
            "vorige gemeente."
        ),
        "what_instead": (
            "De behandeling is voortgezet bij de huidige aanbieder tot het einde van het traject, hooguit "
            "zes maanden, tegen het tarief van onze regio."
        ),
        "alternatives": "Direct overstappen naar een gecontracteerde aanbieder.",
        "decided_by_level": 3,
        "decided_by_name": "Afdelingshoofd Sociaal Domein",
        "accepted_risk": "R40",
        "accepted_risk_text": "Geen contractuele afspraken over de kwaliteit en de verantwoording van de zorg.",
        "financial_effect": 12_500,
        "acted": 123,
        "steps": {"vastgelegd": 122, "uitgevoerd": 121, "besproken": 101},
        "deliberation": {
            "by": "eigenaar",
            "case": "Voortzetting van een behandeling bij een niet-gecontracteerde aanbieder na een verhuizing.",
            "stake": (
                "De continuïteit van de behandeling van het kind; de gelijke behandeling van gezinnen en de "
                "afspraken met de gecontracteerde aanbieders."
            ),
            "values": ["gelijkheid", "rechtmatigheid", "menselijke maat"],
            "values_text": (
                "De menselijke maat pleitte voor voortzetten, maar gelijkheid en rechtmatigheid wogen "
                "zwaarder omdat er een gewone route beschikbaar was."
            ),
            "options": (
                "1. Overstappen naar een gecontracteerde aanbieder. 2. Voortzetten met een individuele "
                "overeenkomst via het regionale inkoopbureau. 3. Voortzetten zonder overeenkomst, zoals "
                "gebeurd."
            ),
            "judgement": (
                "Het team onderschrijft de afwijking niet: via het regionale inkoopbureau was binnen een "
                "week een individuele overeenkomst mogelijk geweest, met dezelfde continuïteit voor het "
                "kind."
            ),
            "damage_limitation": "De individuele overeenkomst is alsnog aangevraagd voor de rest van het traject.",
            "outcome": "niet onderschreven",
            "lesson": (
                "Verken eerst de individuele overeenkomst via het regionale inkoopbureau: die route is "
                "sneller dan gedacht en maakt afwijken vaak overbodig."
            ),
            "participants": "Consulenten jeugd, afdelingshoofd, contractmanager zorg",
        },
    },
    {
        "rule": _JEUGDHULP,
        "recorder": "medewerker",
        "situation": (
            "Een ouder met een licht verstandelijke beperking had begeleiding in de avonduren nodig om de "
            "opvoeding vol te houden. De gecontracteerde aanbieders bieden alleen begeleiding overdag."
        ),
        "why_letter_defeats_purpose": (
            "De regel borgt kwaliteit en betaalbaarheid. Vasthouden aan de letter betekent dat het gezin "
            "geen passende hulp krijgt, met het risico op een uithuisplaatsing die voor het kind en de "
            "gemeente veel zwaarder is."
        ),
        "what_instead": (
            "Avondbegeleiding ingekocht bij een lokale, niet-gecontracteerde aanbieder met een "
            "kwaliteitskeurmerk, voor drie maanden en tegen het regionale tarief."
        ),
        "alternatives": "Begeleiding overdag door een gecontracteerde aanbieder; een persoonsgebonden budget.",
        "decided_by_level": 2,
        "decided_by_name": "Teamleider Jeugd en gezin",
        "accepted_risk": "R40",
        "accepted_risk_text": "Hogere kosten dan bij begeleiding overdag.",
        "financial_effect": 9_600,
        "acted": 47,
        "steps": {"vastgelegd": 45, "uitgevoerd": 44},
    },
    {
        "rule": _INKOOP,
        "recorder": "beheerder",
        "situation": (
            "Na een storing in de telefooncentrale was het klantcontactcentrum een dag slecht bereikbaar. "
            "Tot er een structurele oplossing is aanbesteed, was een tijdelijke uitwijkvoorziening nodig."
        ),
        "why_letter_defeats_purpose": (
            "De regel moet zorgen voor marktwerking en een goede prijs. Drie offertes vragen kost minstens "
            "drie weken, en al die tijd zouden inwoners de gemeente slecht kunnen bereiken; doelmatig "
            "inkopen is daar niet mee gediend."
        ),
        "what_instead": (
            "Enkelvoudig onderhands een tijdelijke uitwijkvoorziening voor zes maanden ingekocht bij de "
            "huidige leverancier, na een prijsvergelijking met openbare tarieven. Tegelijk is de meervoudige "
            "uitvraag voor de structurele oplossing gestart."
        ),
        "alternatives": "Een spoedprocedure met drie offertes binnen een week; tijdelijk terugvallen op e-mail.",
        "decided_by_level": 3,
        "decided_by_name": "Manager Informatievoorziening",
        "accepted_risk": "R06",
        "accepted_risk_text": (
            "Kans op bezwaar van een andere leverancier; klein, omdat de opdracht tijdelijk is en de "
            "structurele opdracht wel wordt uitgevraagd."
        ),
        "financial_effect": 62_000,
        "acted": 94,
        "steps": {
            "vastgelegd": 93,
            "uitgevoerd": 93,
            "besproken": 72,
            "moresprudentie": 71,
            "gepubliceerd": 64,
            "afgesloten": 63,
        },
        "deliberation": {
            "by": "beheerder",
            "case": "Tijdelijke uitwijkvoorziening voor de telefonie ingekocht zonder meervoudige offerteaanvraag.",
            "stake": (
                "De bereikbaarheid van de gemeente voor inwoners en ondernemers; een eerlijke kans voor "
                "leveranciers en een doelmatige besteding van gemeenschapsgeld."
            ),
            "values": ["doelmatigheid", "rechtmatigheid", "transparantie"],
            "values_text": (
                "Doelmatigheid en goede dienstverlening wogen zwaarder dan de procedure, mits de afwijking "
                "tijdelijk bleef en navolgbaar is vastgelegd."
            ),
            "options": (
                "1. Drie offertes vragen en de storing zolang laten duren. 2. Tijdelijk enkelvoudig inkopen "
                "en tegelijk uitvragen. 3. Tijdelijk terugvallen op e-mail en terugbelverzoeken."
            ),
            "judgement": "Optie 2 is onderschreven, onder voorwaarden.",
            "damage_limitation": "De structurele opdracht wordt meervoudig onderhands uitgevraagd.",
            "outcome": "onder voorwaarden",
            "conditions": (
                "Alleen bij een acute verstoring van de dienstverlening, voor hooguit zes maanden, met "
                "gelijktijdig de gewone uitvraag en na overleg met de inkoopadviseur."
            ),
            "lesson": (
                "Leg vooraf vast welke noodvoorzieningen bij een storing snel kunnen worden ingekocht; een "
                "raamovereenkomst voor uitwijk voorkomt een volgende afwijking."
            ),
            "participants": "Functioneel beheerders, manager Informatievoorziening, inkoopadviseur",
        },
        "precedent": {
            "by": "controller",
            "publish": "later",
            "summary": (
                "Na een storing was het klantcontactcentrum slecht bereikbaar. Voor een tijdelijke uitwijk "
                "is zonder meervoudige offerteaanvraag ingekocht bij de zittende leverancier, terwijl de "
                "uitvraag voor de structurele oplossing tegelijk startte. Onderschreven onder voorwaarden."
            ),
            "values": ["doelmatigheid", "rechtmatigheid", "transparantie"],
            "conditions": (
                "Alleen bij een acute verstoring, voor hooguit zes maanden, met gelijktijdig de gewone "
                "uitvraag."
            ),
            "tipping_point": (
                "Een acute verstoring van de dienstverlening aan inwoners, een tijdelijke opdracht en "
                "tegelijk een gewone uitvraag."
            ),
        },
    },
    {
        "rule": _SOFTWARE,
        "recorder": "netwerk",
        "situation": (
            "Het leernetwerk waaraan de gemeente deelneemt, werkt met een online samenwerkomgeving van de "
            "netwerkorganisatie. Die omgeving is nog niet door Informatievoorziening getoetst."
        ),
        "why_letter_defeats_purpose": (
            "De regel beschermt gegevens tegen onveilige verwerking. In deze omgeving worden alleen openbare "
            "en geanonimiseerde stukken gedeeld; maanden wachten op de volledige toets betekent dat de "
            "gemeente niet kan meedoen aan het netwerk."
        ),
        "what_instead": (
            "Voorgenomen: alleen openbare en geanonimiseerde stukken delen, geen persoonsgegevens of "
            "vertrouwelijke stukken, inloggen met een tweede factor. De toets wordt tegelijk aangevraagd."
        ),
        "alternatives": "Niet deelnemen tot de toets klaar is; stukken per e-mail delen.",
        "decided_by_level": 1,  # below the rule's mandate: put before a manager
        "decided_by_name": "Risicomanager",
        "accepted_risk": "R04",
        "accepted_risk_text": "Klein risico dat per vergissing een vertrouwelijk stuk wordt gedeeld.",
        "acted": -7,  # intended: the team will start next week
        "steps": {"vastgelegd": 3},
    },
)

RULE_REVIEWS: tuple[dict[str, Any], ...] = (
    {
        "rule": _JEUGDHULP,
        "by": "eigenaar",
        "decision": "herschrijven",
        "explanation": (
            "In twaalf maanden is drie keer van deze regel afgeweken, steeds omdat gecontracteerde "
            "aanbieders geen tijdige of passende hulp konden bieden. De regel wordt herschreven: er komt een "
            "spoedroute voor tijdelijke inzet van een niet-gecontracteerde aanbieder met een "
            "kwaliteitskeurmerk (hooguit drie maanden, regionaal tarief, melding aan contractmanagement "
            "binnen vijf werkdagen), en de route van een individuele overeenkomst via het regionale "
            "inkoopbureau komt in de regel zelf te staan."
        ),
        "days_ago": 20,
    },
)

CONVERSATIONS: tuple[dict[str, Any], ...] = (
    {
        "title": "Evaluatie opgetreden risico: gladheidsbestrijding bij strenge winter",
        "kind": "evaluatie",
        "programme": VERKEER,
        "subject_risk": "R22",
        "date": 190,
        "organiser": "controller",
        "participants": ("controller", "netwerk"),
        "items": (
            {
                "risk": "R22",
                "decision": "maatregel",
                "text": "Strooizoutvoorraad vergroten en extra strooicapaciteit contracteren voor piekinzet",
                "notes": (
                    "De voorraad was na tien dagen op; bijkopen kostte het dubbele. Inhuur van extra "
                    "strooiwagens kwam pas na drie dagen op gang."
                ),
                "measure": {
                    "description": "Strooizoutvoorraad vergroten en raamcontract voor extra strooicapaciteit",
                    "owner_label": "Teamleider Buitendienst",
                    "due_days": 120,
                },
            },
            {
                "title": "Wat ging goed en wat kan beter in de communicatie met inwoners",
                "decision": "geen",
                "notes": (
                    "De gladheidsberichten via de gemeentelijke kanalen werkten goed. De strooiroutes voor "
                    "fietspaden voortaan eerder bekendmaken."
                ),
            },
            {
                "risk": "R13",
                "decision": "bevestigd",
                "text": "Inschatting bevestigd; de inzet bij extreem weer valt buiten deze evaluatie.",
            },
        ),
        "actions": (
            {
                "description": "Strooiroutes voor fietspaden opnemen in de winterberichtgeving",
                "owner": "netwerk",
                "due_days": 45,
                "done_days": 30,
            },
        ),
    },
    {
        "title": "Risicodialoog Sociaal domein",
        "kind": "teamdialoog",
        "programme": SOCIAAL,
        "date": 140,
        "organiser": "eigenaar",
        "participants": ("eigenaar", "medewerker", "controller"),
        "items": (
            {
                "risk": "R40",
                "kind": "grootste risico",
                "decision": "maatregel",
                "text": "Praktijkondersteuners jeugd bij alle huisartsen, om verwijzingen naar zware hulp te beperken",
                "notes": "De wachttijden uit de melding van het team bevestigen het beeld.",
                "measure": {
                    "description": "Praktijkondersteuners jeugd bij alle huisartsenpraktijken",
                    "owner_label": "Beleidsadviseur Jeugd",
                    "due_days": 150,
                },
            },
            {
                "risk": "R46",
                "kind": "gewijzigde inschatting",
                "decision": "gewijzigd",
                "text": "De gecertificeerde instelling kondigt voor volgend jaar een tariefstijging van 6% aan.",
                "estimate": {"probability": "0.7"},
            },
            {
                "risk": "R41",
                "kind": "herbeoordeling",
                "decision": "bevestigd",
                "text": "Inschatting blijft passend; de aanzuigende werking van het abonnementstarief houden we in beeld.",
            },
            {
                "risk": "R47",
                "kind": "herbeoordeling",
                "decision": "geen",
                "notes": "Wachten op het besluit over de herverdeling; opnieuw bespreken als dat bekend is.",
            },
        ),
        "actions": (
            {
                "description": "Wachttijden jeugdhulp per aanbieder opvragen bij de regio",
                "owner": "medewerker",
                "due_days": 30,
                "done_days": 21,
            },
            {
                "description": "Voorstel praktijkondersteuners jeugd uitwerken voor de voorjaarsnota",
                "owner": "eigenaar",
                "due_days": 60,
                "done_days": 55,
            },
        ),
    },
    {
        "title": "Risicodialoog Verkeer, vervoer en waterstaat",
        "kind": "teamdialoog",
        "programme": VERKEER,
        "date": 98,
        "organiser": "controller",
        "participants": ("controller", "netwerk"),
        "items": (
            {
                "risk": "R17",
                "kind": "grootste risico",
                "decision": "maatregel",
                "text": "Inspectie van de kademuren in de binnenstad en prioritering van het herstel",
                "measure": {
                    "description": "Inspectie en prioritering van het herstel van de kademuren in de binnenstad",
                    "owner_label": "Afdelingshoofd Openbare Ruimte",
                    "due_days": 120,
                },
            },
            {
                "risk": "R20",
                "decision": "bevestigd",
                "text": "Inschatting bevestigd; het klimaatadaptatieplan loopt volgens planning.",
            },
            {
                "risk": "R18",
                "decision": "bevestigd",
                "text": "Aantal claims stabiel; inschatting bevestigd.",
            },
            {
                "risk": "R24",
                "decision": "geen",
                "notes": "Nieuwe stikstofberekening volgt; opnieuw bespreken als die er is.",
            },
        ),
        "actions": (
            {
                "description": "Schaderegistratie van claims in de openbare ruimte koppelen aan de meldingen openbare ruimte",
                "owner": "controller",
                "due_days": 60,
                "done_days": None,  # still open, and past its date
            },
        ),
    },
    {
        "title": "Pre-mortem nieuwbouw IKC Noord",
        "kind": "pre-mortem",
        "programme": ONDERWIJS,
        "date": 77,
        "organiser": "controller",
        "participants": ("controller", "netwerk", "beheerder", "eigenaar"),
        "premortem": (
            (
                "eigenaar",
                "Schoolbestuur en kinderopvang werden het niet eens over de verdeling van de ruimtes; het ontwerp moest opnieuw.",
                "Geen overeenstemming over het programma van eisen",
                True,
            ),
            (
                "netwerk",
                "De aannemer ging halverwege de bouw failliet.",
                "Faillissement van de aannemer",
                True,
            ),
            (
                "beheerder",
                "Er was geen netaansluiting voor de warmtepompen; de oplevering schoof een half jaar op.",
                "Netcongestie vertraagt de oplevering",
                True,
            ),
            (
                "controller",
                "De aanbesteding leverde alleen inschrijvingen ver boven het krediet op.",
                "Aanbesteding boven het krediet",
                False,
            ),
            (
                "netwerk",
                "De tijdelijke huisvesting moest een jaar langer worden gehuurd.",
                "Netcongestie vertraagt de oplevering",
                True,
            ),
            (
                "eigenaar",
                "Omwonenden gingen in beroep tegen de vergunning.",
                "Beroep tegen de vergunning",
                False,
            ),
        ),
        "estimates": {
            "Geen overeenstemming over het programma van eisen": {
                "probability": "0.3",
                "impact_max": 250_000,
                "owner_label": "Projectleider Onderwijshuisvesting",
            },
            "Faillissement van de aannemer": {
                "probability": "0.1",
                "impact_max": 900_000,
                "owner_label": "Projectleider Onderwijshuisvesting",
            },
            "Netcongestie vertraagt de oplevering": {
                "probability": "0.3",
                "impact_max": 400_000,
                "owner_label": "Projectleider Onderwijshuisvesting",
            },
        },
        "items": (
            {
                "risk": "R31",
                "decision": "bevestigd",
                "text": "De pre-mortem bevestigt het aanbestedingsrisico; de inschatting blijft staan.",
            },
        ),
        "actions": (
            {
                "description": "Financiële toets op de aannemer opnemen in de selectiecriteria",
                "owner": "controller",
                "due_days": 30,
                "done_days": 28,
            },
        ),
    },
    {
        "title": "Risicodialoog Bestuur en ondersteuning",
        "kind": "teamdialoog",
        "programme": BESTUUR,
        "date": 63,
        "organiser": "controller",
        "participants": ("controller", "beheerder", "lezer", "netwerk"),
        "items": (
            {
                "risk": "R03",
                "kind": "grootste risico",
                "decision": "maatregel",
                "text": "Phishingsimulatie en bewustwordingstraining voor alle medewerkers",
                "measure": {
                    "description": "Phishingsimulatie en bewustwordingstraining voor alle medewerkers",
                    "owner_label": "Chief Information Security Officer",
                    "due_days": 90,
                },
            },
            {
                "risk": "signal:belastingpakket",
                "kind": "melding",
                "decision": "bevestigd",
                "text": "Inschatting bevestigd; het migratieplan is in voorbereiding.",
            },
            {
                "risk": "R07",
                "decision": "bevestigd",
                "text": "Meerkosten blijven binnen de inschatting; de oplevering ligt op schema.",
            },
            {
                "risk": "R01",
                "kind": "grootste risico",
                "decision": "geen",
                "notes": "Opnieuw bespreken na de volgende circulaire van het gemeentefonds.",
            },
        ),
        "actions": (),
    },
    {
        "title": "Risicodialoog grondexploitaties",
        "kind": "teamdialoog",
        "programme": RUIMTE,
        "date": 35,
        "organiser": "controller",
        "participants": ("controller", "bestuur", "netwerk"),
        "items": (
            {
                "risk": "R56",
                "kind": "grootste risico",
                "decision": "bevestigd",
                "text": "Fasering van de kaveluitgifte loopt; inschatting bevestigd.",
            },
            {
                "risk": "R57",
                "kind": "herbeoordeling",
                "decision": "bevestigd",
                "text": "Het bodemonderzoek valt mee; de inschatting blijft staan tot de sanering is aanbesteed.",
            },
            {
                "risk": "signal:omgevingswet",
                "kind": "melding",
                "decision": "maatregel",
                "text": "Tijdelijk twee vergunningverleners inhuren en de beslistermijnen wekelijks volgen",
                "measure": {
                    "description": "Tijdelijke inhuur van twee vergunningverleners en wekelijkse bewaking van de beslistermijnen",
                    "owner_label": "Teamleider Vergunningen en Handhaving",
                    "due_days": 60,
                },
            },
            {
                "risk": "R59",
                "decision": "geen",
                "notes": "De legesopbrengst volgt de vergunningen; samen met het vorige punt volgen.",
            },
        ),
        "actions": (
            {
                "description": "Kwartaaloverzicht doorlooptijden vergunningen naar de controller",
                "owner": "controller",
                "due_days": 90,
                "done_days": None,
            },
        ),
    },
    {
        "title": "Risicodialoog Sociaal domein, vervolg",
        "kind": "teamdialoog",
        "programme": SOCIAAL,
        "date": -16,  # planned
        "organiser": "eigenaar",
        "participants": ("eigenaar", "medewerker", "controller"),
        "items": (
            {"risk": "R40", "kind": "actiepunt", "reason": "Vervolg op de praktijkondersteuners jeugd"},
            {"signal": "gegevensuitwisseling", "kind": "melding", "reason": "Melding, nog niet afgehandeld"},
            {"risk": "R44", "kind": "herbeoordeling"},
        ),
        "actions": (),
    },
)
