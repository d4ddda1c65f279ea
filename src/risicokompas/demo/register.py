# SPDX-License-Identifier: EUPL-1.2
"""Demo data: the fictional "Gemeente Voorbeeldrecht", a realistic and deterministic example municipality.

Voorbeeldrecht has about 45.000 inhabitants and a begroting of about € 180 mln. Its risk register has 60
risks spread over the BBV programma's, written the way a Dutch controller keeps them: a kans per year, a
maximum financial consequence in euros and, for some risks, a minimum, a most likely amount and a shape. Its
available weerstandscapaciteit is listed per component.

The data is used by ``risicokompas demo`` (``make run``), by README examples and, later, as demo data in the
web application. Everything here is invented: the names, amounts and roles describe no real organisation
and contain no personal data; owners are roles, never people.

``write_demo_register`` writes the register as .xlsx or .csv with the canonical column keys as header row,
using only openpyxl and csv directly, so the demo file does not depend on the register file writer.
"""

from __future__ import annotations

import csv
from pathlib import Path

from risicokompas.registerfile.columns import COLUMNS

__all__ = [
    "CANONICAL_KEYS",
    "DEMO_CAPACITY",
    "DEMO_ORGANISATION",
    "DEMO_RISKS",
    "demo_capacity_total",
    "demo_sum_of_maxima",
    "write_demo_register",
]

#: The canonical register file columns, in template order; the header row of the written file.
CANONICAL_KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS)

_BESTUUR = "Bestuur en ondersteuning"
_VEILIGHEID = "Veiligheid"
_VERKEER = "Verkeer, vervoer en waterstaat"
_ECONOMIE = "Economie"
_ONDERWIJS = "Onderwijs"
_SPORT = "Sport, cultuur en recreatie"
_SOCIAAL = "Sociaal domein"
_GEZONDHEID = "Volksgezondheid en milieu"
_VHROSV = "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing"

DEMO_ORGANISATION: dict = {
    "name": "Gemeente Voorbeeldrecht",
    "kind": "gemeente",
    "inhabitants": 45_000,
    "budget_total": 180_000_000,
    "certainty": 0.9,
    "default_shape": "uniform",
    # Structural risks count for one year here, the engine default. Many gemeenten count them for 2 to 4
    # years (the years of the meerjarenraming); a few risks below state their own number of years.
    "structural_years": 1,
    "norm_min_ratio": 1.0,
}

DEMO_RISKS: tuple[dict, ...] = (
    # --- Bestuur en ondersteuning (incl. algemene dekkingsmiddelen en financiering) ---
    {
        "id": "R01",
        "risico": "Uitkering gemeentefonds lager (ravijnjaar)",
        "omschrijving": "Het Rijk stelt de groei van het gemeentefonds na 2025 niet volledig bij. Daardoor "
        "valt de algemene uitkering lager uit dan in de meerjarenraming is aangenomen.",
        "kans": 0.7,
        "gevolg_min": 500_000,
        "gevolg_modus": 1_200_000,
        "gevolg_max": 2_000_000,
        "verdeling": "driehoek",
        "aard": "structureel",
        "programma": _BESTUUR,
        "eigenaar": "Concerncontroller",
        "beheersmaatregelen": "Voorzichtige raming van de algemene uitkering; circulaires volgen en "
        "doorrekenen; lobby via VNG.",
    },
    {
        "id": "R02",
        "risico": "Loon- en prijsontwikkeling boven indexatie",
        "omschrijving": "Cao-afspraken en inflatie liggen hoger dan de indexatie in de begroting. De lasten "
        "voor personeel en inkoop stijgen sneller dan de baten.",
        "kans": 0.5,
        "gevolg_max": 900_000,
        "aard": "structureel",
        "programma": _BESTUUR,
        "eigenaar": "Afdelingshoofd Financiën",
        "beheersmaatregelen": "Indexatie volgens CEP-ramingen; stelpost loon- en prijsontwikkeling.",
    },
    {
        "id": "R03",
        "risico": "Cyberaanval op gemeentelijke systemen",
        "omschrijving": "Een ransomware-aanval legt de gemeentelijke systemen plat. Herstel, externe "
        "expertise en vertraagde dienstverlening brengen hoge kosten met zich mee.",
        "kans": 0.3,
        "gevolg_modus": 250_000,
        "gevolg_max": 1_200_000,
        "verdeling": "lognormaal",
        "programma": _BESTUUR,
        "eigenaar": "Chief Information Security Officer",
        "beheersmaatregelen": "BIO-maatregelen, offline back-ups, jaarlijkse hersteltest en "
        "bewustwordingstraining voor medewerkers.",
    },
    {
        "id": "R04",
        "risico": "Datalek en AVG-boete",
        "omschrijving": "Persoonsgegevens komen door een fout of inbraak bij onbevoegden terecht. De "
        "Autoriteit Persoonsgegevens legt een boete op en er volgen herstelkosten.",
        "kans": 0.1,
        "gevolg_max": 400_000,
        "programma": _BESTUUR,
        "eigenaar": "Functionaris Gegevensbescherming",
        "beheersmaatregelen": "Privacybeleid, verwerkingsregister, DPIA's en meldprocedure datalekken.",
    },
    {
        "id": "R05",
        "risico": "Renterisico herfinanciering",
        "omschrijving": "Een grote lening moet worden geherfinancierd terwijl de rente hoger is dan "
        "begroot. De rentelasten nemen voor meerdere jaren toe.",
        "kans": 0.3,
        "gevolg_max": 350_000,
        "aard": "structureel",
        "jaren": 4,
        "programma": _BESTUUR,
        "eigenaar": "Treasurer",
        "beheersmaatregelen": "Treasurystatuut; spreiding van de looptijden en renterisiconorm bewaken.",
    },
    {
        "id": "R06",
        "risico": "Rechtszaak aanbesteding",
        "omschrijving": "Een afgewezen inschrijver vecht de gunning van een groot contract aan. De gemeente "
        "moet opnieuw aanbesteden of schadevergoeding betalen.",
        "kans": 0.2,
        "gevolg_max": 300_000,
        "programma": _BESTUUR,
        "eigenaar": "Adviseur Inkoop",
        "beheersmaatregelen": "Inkoopbeleid, juridische toets van aanbestedingsstukken.",
    },
    {
        "id": "R07",
        "risico": "Implementatie nieuwe zaaksystemen: meerkosten",
        "omschrijving": "De vervanging van het zaaksysteem loopt uit door koppelingsproblemen. Extra inhuur "
        "en dubbele licenties leiden tot meerkosten.",
        "kans": 0.5,
        "gevolg_max": 450_000,
        "programma": _BESTUUR,
        "eigenaar": "Manager Informatievoorziening",
        "beheersmaatregelen": "Projectbeheersing met fasering en go/no-go-momenten.",
    },
    {
        "id": "R08",
        "risico": "Krapte arbeidsmarkt: dure inhuur",
        "omschrijving": "Vacatures voor specialisten blijven lang open. Om wettelijke taken uit te voeren "
        "wordt duurder extern personeel ingehuurd.",
        "kans": 0.7,
        "gevolg_max": 600_000,
        "programma": _BESTUUR,
        "eigenaar": "Manager HRM",
        "beheersmaatregelen": "Strategische personeelsplanning, traineeprogramma en inhuurbeleid.",
    },
    {
        "id": "R09",
        "risico": "Naheffing btw of vennootschapsbelasting",
        "omschrijving": "De Belastingdienst beoordeelt de fiscale positie van activiteiten anders. Er "
        "volgen een naheffing en mogelijk een boete.",
        "kans": 0.1,
        "gevolg_max": 600_000,
        "programma": _BESTUUR,
        "eigenaar": "Fiscalist",
        "beheersmaatregelen": "Tax control framework; periodieke fiscale scan.",
    },
    {
        "id": "R10",
        "risico": "Hogere energieprijzen gemeentelijk vastgoed",
        "omschrijving": "Na afloop van het huidige energiecontract stijgen de tarieven. De energielasten "
        "van gemeentehuis, scholen en sporthallen nemen toe.",
        "kans": 0.5,
        "gevolg_max": 700_000,
        "aard": "structureel",
        "programma": _BESTUUR,
        "eigenaar": "Afdelingshoofd Vastgoed",
        "beheersmaatregelen": "Gespreide inkoop via inkoopcollectief; verduurzaming vastgoed.",
    },
    {
        "id": "R11",
        "risico": "Lagere OZB-opbrengst door WOZ-bezwaren",
        "omschrijving": "Door veel (no-cure-no-pay-)bezwaren worden WOZ-waarden verlaagd. De OZB-opbrengst "
        "valt lager uit en de proceskostenvergoedingen stijgen.",
        "kans": 0.3,
        "gevolg_max": 250_000,
        "programma": _BESTUUR,
        "eigenaar": "Teamleider Belastingen",
        "beheersmaatregelen": "Zorgvuldige taxaties en persoonlijk contact met bezwaarmakers.",
    },
    # --- Veiligheid ---
    {
        "id": "R12",
        "risico": "Gemeenschappelijke regeling Veiligheidsregio: hogere bijdrage",
        "omschrijving": "De veiligheidsregio heeft een tekort door hogere personeels- en materieelkosten. "
        "De deelnemende gemeenten betalen een hogere bijdrage.",
        "kans": 0.5,
        "gevolg_max": 300_000,
        "aard": "structureel",
        "programma": _VEILIGHEID,
        "eigenaar": "Beleidsadviseur Openbare Orde en Veiligheid",
        "beheersmaatregelen": "Sturing via zienswijze op begroting; afspraken over financiële kaders.",
    },
    {
        "id": "R13",
        "risico": "Calamiteit of extreem weer: inzet en herstel",
        "omschrijving": "Een grote brand, storm of overstroming vraagt inzet van de crisisorganisatie. "
        "Herstel en nazorg zijn slechts deels verzekerd.",
        "kans": 0.1,
        "gevolg_modus": 150_000,
        "gevolg_max": 750_000,
        "verdeling": "lognormaal",
        "programma": _VEILIGHEID,
        "eigenaar": "Coördinator Crisisbeheersing",
        "beheersmaatregelen": "Crisisplan, oefeningen en beroep op de Wet tegemoetkoming schade.",
    },
    {
        "id": "R14",
        "risico": "Opvang ontheemden: kosten boven rijksvergoeding",
        "omschrijving": "De kosten van locaties en begeleiding stijgen sneller dan de normbedragen. Het "
        "verschil komt ten laste van de gemeente.",
        "kans": 0.3,
        "gevolg_max": 500_000,
        "programma": _VEILIGHEID,
        "eigenaar": "Programmamanager Opvang",
        "beheersmaatregelen": "Kosten per locatie monitoren en tijdig declareren bij het Rijk.",
    },
    {
        "id": "R15",
        "risico": "Ondermijning: kosten sluiting en procedures",
        "omschrijving": "Bij sluiting van panden door ondermijnende activiteiten volgen bezwaar- en "
        "beroepsprocedures. Juridische kosten en schadeclaims komen voor rekening van de gemeente.",
        "kans": 0.3,
        "gevolg_max": 100_000,
        "programma": _VEILIGHEID,
        "eigenaar": "Beleidsadviseur Openbare Orde en Veiligheid",
        "beheersmaatregelen": "Zorgvuldige dossieropbouw en samenwerking in het RIEC.",
    },
    {
        "id": "R16",
        "risico": "Evenementen: schade en extra inzet",
        "omschrijving": "Bij een groot evenement ontstaan ongeregeldheden of schade aan de openbare ruimte. "
        "Extra handhaving en herstel zijn niet begroot.",
        "kans": 0.1,
        "gevolg_max": 75_000,
        "programma": _VEILIGHEID,
        "eigenaar": "Teamleider Vergunningen en Handhaving",
        "beheersmaatregelen": "Evenementenbeleid, risicoscan per evenement en borgsom.",
    },
    # --- Verkeer, vervoer en waterstaat ---
    {
        "id": "R17",
        "risico": "Onderhoudsachterstand bruggen en kademuren",
        "omschrijving": "Inspecties tonen constructieve gebreken aan oude bruggen en kademuren. Versneld "
        "herstel of vervanging is nodig om veiligheid te garanderen.",
        "kans": 0.5,
        "gevolg_min": 400_000,
        "gevolg_modus": 1_000_000,
        "gevolg_max": 2_500_000,
        "verdeling": "pert",
        "programma": _VERKEER,
        "eigenaar": "Afdelingshoofd Openbare Ruimte",
        "beheersmaatregelen": "Inspectieprogramma kunstwerken en geactualiseerd beheerplan.",
    },
    {
        "id": "R18",
        "risico": "Aansprakelijkheidsclaims openbare ruimte",
        "omschrijving": "Weggebruikers lopen schade op door gebreken aan wegen of bomen. Zij stellen de "
        "gemeente aansprakelijk.",
        "kans": 0.7,
        "gevolg_max": 150_000,
        "uitgesloten": "ja",
        "programma": _VERKEER,
        "eigenaar": "Adviseur Verzekeringen",
        "beheersmaatregelen": "Gedekt door de aansprakelijkheidsverzekering; schouw en snelle meldingafhandeling.",
    },
    {
        "id": "R19",
        "risico": "Aanbesteding wegonderhoud: prijsstijging",
        "omschrijving": "Door hoge prijzen van asfalt en personeel vallen aanbestedingen duurder uit dan "
        "geraamd. Het onderhoudsprogramma is dan niet binnen budget uit te voeren.",
        "kans": 0.5,
        "gevolg_max": 600_000,
        "programma": _VERKEER,
        "eigenaar": "Afdelingshoofd Openbare Ruimte",
        "beheersmaatregelen": "Actuele kostenramingen en prioritering op basis van risicogestuurd beheer.",
    },
    {
        "id": "R20",
        "risico": "Wateroverlast door hevige neerslag",
        "omschrijving": "Extreme buien overbelasten het rioolstelsel. Schade aan openbare ruimte en "
        "noodmaatregelen leiden tot onvoorziene kosten.",
        "kans": 0.3,
        "gevolg_max": 400_000,
        "programma": _VERKEER,
        "eigenaar": "Beleidsadviseur Water en Riolering",
        "beheersmaatregelen": "Klimaatadaptatieplan en stresstest; afkoppelen van verhard oppervlak.",
    },
    {
        "id": "R21",
        "risico": "Terugbetaling subsidie mobiliteitsproject",
        "omschrijving": "Het fietsverbindingsproject wordt niet binnen de subsidievoorwaarden opgeleverd. "
        "De provincie vordert (een deel van) de subsidie terug.",
        "kans": 0.2,
        "gevolg_max": 700_000,
        "programma": _VERKEER,
        "eigenaar": "Projectleider Mobiliteit",
        "beheersmaatregelen": "Subsidieregister en bewaking van mijlpalen en verantwoordingseisen.",
    },
    {
        "id": "R22",
        "risico": "Gladheidsbestrijding bij strenge winter",
        "omschrijving": "Een lange periode van vorst en sneeuw vraagt meer strooizout en inzet. Het budget "
        "voor gladheidsbestrijding wordt overschreden.",
        "kans": 0.3,
        "gevolg_max": 120_000,
        "programma": _VERKEER,
        "eigenaar": "Teamleider Buitendienst",
        "beheersmaatregelen": "Raamcontract zoutlevering en gladheidsplan.",
    },
    {
        "id": "R23",
        "risico": "Boomziekten: essentaksterfte",
        "omschrijving": "Essentaksterfte tast het bomenbestand sneller aan dan verwacht. Versneld kappen "
        "en herplanten is nodig voor de veiligheid.",
        "kans": 0.5,
        "gevolg_max": 300_000,
        "programma": _VERKEER,
        "eigenaar": "Beleidsadviseur Groen",
        "beheersmaatregelen": "Boomveiligheidsinspecties (VTA) en een herplantplan.",
    },
    {
        "id": "R24",
        "risico": "Vertraging infraproject door stikstofvergunning",
        "omschrijving": "De natuurvergunning voor de reconstructie van de rondweg laat op zich wachten. "
        "Vertraging leidt tot hogere bouwkosten en claims van de aannemer.",
        "kans": 0.3,
        "gevolg_max": 450_000,
        "programma": _VERKEER,
        "eigenaar": "Projectleider Infrastructuur",
        "beheersmaatregelen": "Vroegtijdige AERIUS-berekening en overleg met de provincie.",
    },
    # --- Economie ---
    {
        "id": "R25",
        "risico": "Grondexploitatie Bedrijvenpark De Vaart: afzetrisico kavels",
        "omschrijving": "Bij een economische teruggang worden bedrijfskavels later of goedkoper verkocht. "
        "Het resultaat van de grondexploitatie daalt.",
        "kans": 0.3,
        "gevolg_max": 1_500_000,
        "groep": "grondexploitaties",
        "programma": _ECONOMIE,
        "eigenaar": "Manager Grondzaken",
        "beheersmaatregelen": "Jaarlijkse herziening grondexploitatie en fasering van het bouwrijp maken.",
    },
    {
        "id": "R26",
        "risico": "Terugvordering subsidie binnenstadsvernieuwing",
        "omschrijving": "Niet alle verantwoordingsstukken van de binnenstadsvernieuwing voldoen aan de "
        "eisen. De subsidieverstrekker vordert een deel terug.",
        "kans": 0.1,
        "gevolg_max": 250_000,
        "programma": _ECONOMIE,
        "eigenaar": "Beleidsadviseur Economische Zaken",
        "beheersmaatregelen": "Subsidieregister en tussentijdse controle op de verantwoording.",
    },
    {
        "id": "R27",
        "risico": "Lagere opbrengst toeristenbelasting",
        "omschrijving": "Minder overnachtingen door een slecht seizoen of sluiting van een recreatiepark. De "
        "opbrengst van de toeristenbelasting blijft achter.",
        "kans": 0.3,
        "gevolg_max": 100_000,
        "programma": _ECONOMIE,
        "eigenaar": "Teamleider Belastingen",
        "beheersmaatregelen": "Voorzichtig ramen op basis van meerjarig gemiddelde.",
    },
    {
        "id": "R28",
        "risico": "Huurderving gemeentelijk bedrijfsvastgoed",
        "omschrijving": "Een huurder van gemeentelijk bedrijfsvastgoed gaat failliet. De huur valt weg en "
        "het pand staat een tijd leeg.",
        "kans": 0.2,
        "gevolg_max": 150_000,
        "programma": _ECONOMIE,
        "eigenaar": "Afdelingshoofd Vastgoed",
        "beheersmaatregelen": "Kredietwaardigheidstoets, bankgaranties en debiteurenbewaking.",
    },
    # --- Onderwijs ---
    {
        "id": "R29",
        "risico": "Asbestsanering schoolgebouw",
        "omschrijving": "Bij de renovatie van een basisschool wordt asbest aangetroffen. Sanering en "
        "vertraging van de renovatie zijn niet in het krediet voorzien.",
        "kans": 0.3,
        "gevolg_min": 100_000,
        "gevolg_modus": 200_000,
        "gevolg_max": 450_000,
        "verdeling": "driehoek",
        "programma": _ONDERWIJS,
        "eigenaar": "Beleidsadviseur Onderwijshuisvesting",
        "beheersmaatregelen": "Asbestinventarisatie vooraf bij alle gebouwen van vóór 1994.",
    },
    {
        "id": "R30",
        "risico": "Leerlingenvervoer: hogere vervoerstarieven",
        "omschrijving": "Bij de nieuwe aanbesteding van het leerlingenvervoer stijgen de tarieven door "
        "chauffeurstekort en brandstofprijzen. De lasten nemen structureel toe.",
        "kans": 0.5,
        "gevolg_max": 350_000,
        "aard": "structureel",
        "jaren": 3,
        "programma": _ONDERWIJS,
        "eigenaar": "Beleidsadviseur Onderwijs",
        "beheersmaatregelen": "Regionale aanbesteding en kritische toets op de verordening.",
    },
    {
        "id": "R31",
        "risico": "Nieuwbouw IKC: bouwkosten boven krediet",
        "omschrijving": "De bouwkosten van het nieuwe integraal kindcentrum stijgen door marktontwikkeling "
        "en duurzaamheidseisen. Het beschikbare krediet is ontoereikend.",
        "kans": 0.5,
        "gevolg_min": 300_000,
        "gevolg_modus": 800_000,
        "gevolg_max": 1_800_000,
        "verdeling": "pert",
        "programma": _ONDERWIJS,
        "eigenaar": "Projectleider Onderwijshuisvesting",
        "beheersmaatregelen": "Bouwteam, risicoreservering in het project en strikte scopebewaking.",
    },
    {
        "id": "R32",
        "risico": "Terugvordering specifieke uitkering onderwijsachterstanden",
        "omschrijving": "Bij de SiSa-verantwoording blijkt een deel van de bestedingen niet "
        "subsidiabel. Het ministerie vordert dat deel terug.",
        "kans": 0.1,
        "gevolg_max": 200_000,
        "programma": _ONDERWIJS,
        "eigenaar": "Beleidsadviseur Onderwijs",
        "beheersmaatregelen": "Afspraken met kinderopvang en scholen over verantwoording.",
    },
    {
        "id": "R33",
        "risico": "Tijdelijke huisvesting bij vertraging nieuwbouw",
        "omschrijving": "Als de nieuwbouw van het IKC vertraagt, moet tijdelijke huisvesting langer worden "
        "gehuurd. Dat brengt extra huur- en verhuiskosten mee.",
        "kans": 0.3,
        "gevolg_max": 300_000,
        "programma": _ONDERWIJS,
        "eigenaar": "Projectleider Onderwijshuisvesting",
        "beheersmaatregelen": "Realistische planning en flexibele huurcontracten.",
    },
    # --- Sport, cultuur en recreatie ---
    {
        "id": "R34",
        "risico": "Garantstelling sportvereniging",
        "omschrijving": "De gemeente staat garant voor de lening van een sportvereniging voor een nieuw "
        "clubhuis. Als de vereniging niet kan aflossen, wordt de gemeente aangesproken.",
        "kans": 0.05,
        "gevolg_max": 600_000,
        "verdeling": "vast",
        "programma": _SPORT,
        "eigenaar": "Beleidsadviseur Sport",
        "beheersmaatregelen": "Jaarlijkse beoordeling van de jaarrekening van de vereniging; "
        "achtervang via het Waarborgfonds Sport.",
    },
    {
        "id": "R35",
        "risico": "Exploitatietekort zwembad",
        "omschrijving": "Hogere energie- en personeelskosten verhogen het exploitatietekort van het "
        "gemeentelijk zwembad. De exploitant vraagt een hogere bijdrage.",
        "kans": 0.5,
        "gevolg_max": 400_000,
        "aard": "structureel",
        "programma": _SPORT,
        "eigenaar": "Beleidsadviseur Sport",
        "beheersmaatregelen": "Prestatieafspraken met de exploitant en energiebesparende maatregelen.",
    },
    {
        "id": "R36",
        "risico": "Tekort stichting cultuurcentrum",
        "omschrijving": "Het cultuurcentrum trekt minder bezoekers dan begroot. De stichting vraagt "
        "aanvullende subsidie om sluiting te voorkomen.",
        "kans": 0.3,
        "gevolg_max": 350_000,
        "programma": _SPORT,
        "eigenaar": "Beleidsadviseur Cultuur",
        "beheersmaatregelen": "Kwartaalrapportages en een verbeterplan bij afwijkingen.",
    },
    {
        "id": "R37",
        "risico": "Sporthal: constructieve gebreken",
        "omschrijving": "Onderzoek toont gebreken aan de dakconstructie van de sporthal. Herstel is nodig "
        "voordat de hal weer open kan.",
        "kans": 0.2,
        "gevolg_max": 800_000,
        "programma": _SPORT,
        "eigenaar": "Afdelingshoofd Vastgoed",
        "beheersmaatregelen": "Constructieve inspecties volgens het meerjarenonderhoudsplan.",
    },
    {
        "id": "R38",
        "risico": "Kunstgrasvelden: vervanging infill",
        "omschrijving": "Nieuwe milieueisen verbieden het huidige rubbergranulaat. De infill van de "
        "kunstgrasvelden moet vervroegd worden vervangen.",
        "kans": 0.3,
        "gevolg_max": 250_000,
        "programma": _SPORT,
        "eigenaar": "Beleidsadviseur Sport",
        "beheersmaatregelen": "Landelijke ontwikkelingen volgen; vervanging meenemen in het beheerplan.",
    },
    {
        "id": "R39",
        "risico": "Herstel gemeentelijk monument",
        "omschrijving": "Bij onderhoud aan de monumentale kerk blijkt houtrot in de kapconstructie. "
        "Herstel is duurder dan het onderhoudsbudget.",
        "kans": 0.3,
        "gevolg_max": 200_000,
        "programma": _SPORT,
        "eigenaar": "Adviseur Erfgoed",
        "beheersmaatregelen": "Periodieke inspectie en aanvraag van restauratiesubsidie.",
    },
    # --- Sociaal domein ---
    {
        "id": "R40",
        "risico": "Open-einde regelingen Jeugdzorg",
        "omschrijving": "Het aantal jeugdigen met zorg en de zwaarte van de zorg nemen toe. De uitgaven "
        "stijgen boven het budget, terwijl de gemeente de toegang maar beperkt kan sturen.",
        "kans": 0.7,
        "gevolg_max": 2_500_000,
        "aard": "structureel",
        "groep": "sociaal domein",
        "programma": _SOCIAAL,
        "eigenaar": "Afdelingshoofd Sociaal Domein",
        "beheersmaatregelen": "Sturing op toegang via het wijkteam, praktijkondersteuners bij huisartsen "
        "en maandelijkse monitoring.",
    },
    {
        "id": "R41",
        "risico": "Tekort WMO huishoudelijke hulp (abonnementstarief)",
        "omschrijving": "Door het abonnementstarief vragen meer inwoners huishoudelijke hulp aan. De "
        "kosten stijgen terwijl de eigen bijdragen beperkt zijn.",
        "kans": 0.7,
        "gevolg_max": 1_200_000,
        "aard": "structureel",
        "groep": "sociaal domein",
        "programma": _SOCIAAL,
        "eigenaar": "Afdelingshoofd Sociaal Domein",
        "beheersmaatregelen": "Zorgvuldige indicatiestelling en algemene voorzieningen waar mogelijk.",
    },
    {
        "id": "R42",
        "risico": "BUIG-budget ontoereikend",
        "omschrijving": "Het aantal bijstandsuitkeringen stijgt sneller dan het Rijk in het BUIG-budget "
        "verwerkt. Het tekort komt ten laste van de gemeente.",
        "kans": 0.5,
        "gevolg_max": 900_000,
        "groep": "sociaal domein",
        "programma": _SOCIAAL,
        "eigenaar": "Teamleider Werk en Inkomen",
        "beheersmaatregelen": "Re-integratie naar werk en een beroep op de vangnetregeling.",
    },
    {
        "id": "R43",
        "risico": "Faillissement zorgaanbieder",
        "omschrijving": "Een grote jeugdzorgaanbieder gaat failliet. Om de zorgcontinuïteit te borgen "
        "betaalt de gemeente overbruggingskosten en duurdere vervangende zorg.",
        "kans": 0.2,
        "gevolg_max": 750_000,
        "groep": "sociaal domein",
        "programma": _SOCIAAL,
        "eigenaar": "Contractmanager Zorg",
        "beheersmaatregelen": "Financiële monitoring van kritische aanbieders en een continuïteitsplan.",
    },
    {
        "id": "R44",
        "risico": "Wmo-hulpmiddelen en woningaanpassingen: stijgende vraag",
        "omschrijving": "Door vergrijzing en langer thuis wonen stijgt de vraag naar hulpmiddelen en "
        "woningaanpassingen. De lasten nemen meerdere jaren toe.",
        "kans": 0.5,
        "gevolg_max": 400_000,
        "aard": "structureel",
        "jaren": 3,
        "programma": _SOCIAAL,
        "eigenaar": "Afdelingshoofd Sociaal Domein",
        "beheersmaatregelen": "Herverstrekking van hulpmiddelen en afspraken met woningcorporaties.",
    },
    {
        "id": "R45",
        "risico": "Gemeenschappelijke regeling sociale werkvoorziening: tekort",
        "omschrijving": "Het werkbedrijf draait een tekort door stijgende loonkosten van SW-medewerkers. De "
        "deelnemende gemeenten moeten bijpassen.",
        "kans": 0.5,
        "gevolg_max": 500_000,
        "programma": _SOCIAAL,
        "eigenaar": "Teamleider Werk en Inkomen",
        "beheersmaatregelen": "Sturing via het algemeen bestuur en zienswijze op de begroting.",
    },
    {
        "id": "R46",
        "risico": "Jeugdbescherming: tariefstijging gecertificeerde instelling",
        "omschrijving": "De gecertificeerde instelling verhoogt haar tarieven om aan de normen te voldoen. "
        "De kosten van jeugdbescherming stijgen.",
        "kans": 0.5,
        "gevolg_max": 350_000,
        "programma": _SOCIAAL,
        "eigenaar": "Contractmanager Zorg",
        "beheersmaatregelen": "Regionale inkoop en kostprijsonderzoek.",
    },
    {
        "id": "R47",
        "risico": "Beschermd wonen: herverdeling middelen",
        "omschrijving": "Bij de doordecentralisatie van beschermd wonen gaan middelen over naar een "
        "nieuw verdeelmodel. Voorbeeldrecht krijgt minder dan de werkelijke kosten.",
        "kans": 0.3,
        "gevolg_max": 800_000,
        "aard": "structureel",
        "jaren": 4,
        "programma": _SOCIAAL,
        "eigenaar": "Afdelingshoofd Sociaal Domein",
        "beheersmaatregelen": "Regionale afspraken over een ingroeipad en solidariteit.",
    },
    {
        "id": "R48",
        "risico": "Oninbare terugvorderingen inkomensondersteuning",
        "omschrijving": "Teveel betaalde bijstand en toeslagen blijken niet in te vorderen. De vorderingen "
        "moeten worden afgeboekt.",
        "kans": 0.3,
        "gevolg_max": 200_000,
        "programma": _SOCIAAL,
        "eigenaar": "Teamleider Werk en Inkomen",
        "beheersmaatregelen": "Actief debiteurenbeheer en voorziening dubieuze debiteuren.",
    },
    {
        "id": "R49",
        "risico": "Bijzondere bijstand: meer aanvragen",
        "omschrijving": "Hoge vaste lasten brengen meer huishoudens in financiële problemen. Het beroep op "
        "bijzondere bijstand en schuldhulpverlening stijgt.",
        "kans": 0.5,
        "gevolg_max": 250_000,
        "programma": _SOCIAAL,
        "eigenaar": "Teamleider Werk en Inkomen",
        "beheersmaatregelen": "Vroegsignalering van schulden en gerichte armoederegelingen.",
    },
    {
        "id": "R50",
        "risico": "Onrechtmatige zorgdeclaraties",
        "omschrijving": "Een zorgaanbieder declareert zorg die niet of niet volledig is geleverd. Het "
        "bedrag is maar deels terug te vorderen.",
        "kans": 0.3,
        "gevolg_max": 300_000,
        "programma": _SOCIAAL,
        "eigenaar": "Contractmanager Zorg",
        "beheersmaatregelen": "Rechtmatigheidscontroles, materiële controle en toezicht Wmo.",
    },
    # --- Volksgezondheid en milieu ---
    {
        "id": "R51",
        "risico": "PFAS-verontreiniging grond",
        "omschrijving": "Bij grondverzet wordt PFAS boven de norm aangetroffen. De grond moet worden "
        "afgevoerd en gereinigd in plaats van hergebruikt.",
        "kans": 0.3,
        "gevolg_min": 100_000,
        "gevolg_modus": 300_000,
        "gevolg_max": 1_000_000,
        "verdeling": "driehoek",
        "programma": _GEZONDHEID,
        "eigenaar": "Beleidsadviseur Bodem",
        "beheersmaatregelen": "Vooronderzoek bodem bij projecten en een actuele bodemkwaliteitskaart.",
    },
    {
        "id": "R52",
        "risico": "Verbonden partij: afvalverwerker",
        "omschrijving": "De afvalverwerker waarin de gemeente deelneemt lijdt verlies door lagere "
        "energieopbrengsten en hogere CO2-heffing. De aandeelhouders dragen bij in het tekort.",
        "kans": 0.3,
        "gevolg_max": 800_000,
        "programma": _GEZONDHEID,
        "eigenaar": "Beleidsadviseur Afval",
        "beheersmaatregelen": "Sturing via de aandeelhoudersvergadering en periodieke risicoanalyse.",
    },
    {
        "id": "R53",
        "risico": "Afvalinzameling: lagere opbrengst grondstoffen",
        "omschrijving": "De marktprijzen voor oud papier en textiel dalen. De opbrengsten blijven achter "
        "bij de raming en het tarief afvalstoffenheffing dekt de kosten niet volledig.",
        "kans": 0.5,
        "gevolg_max": 200_000,
        "programma": _GEZONDHEID,
        "eigenaar": "Beleidsadviseur Afval",
        "beheersmaatregelen": "Contracten met bodemprijs en egalisatie via de tariefberekening.",
    },
    {
        "id": "R54",
        "risico": "GGD: hogere bijdrage bij crisis",
        "omschrijving": "Een uitbraak van een infectieziekte vraagt grootschalige inzet van de GGD. De "
        "extra kosten worden deels doorbelast aan de gemeenten.",
        "kans": 0.1,
        "gevolg_max": 300_000,
        "programma": _GEZONDHEID,
        "eigenaar": "Beleidsadviseur Publieke Gezondheid",
        "beheersmaatregelen": "Afspraken over rijkscompensatie en een reserve bij de GGD.",
    },
    {
        "id": "R55",
        "risico": "Sanering voormalige stortplaats",
        "omschrijving": "Uit monitoring blijkt dat verontreiniging van de voormalige stortplaats zich "
        "verspreidt. Aanvullende sanering is nodig.",
        "kans": 0.1,
        "gevolg_max": 1_500_000,
        "uitgesloten": "ja",
        "programma": _GEZONDHEID,
        "eigenaar": "Beleidsadviseur Bodem",
        "beheersmaatregelen": "Gedekt door de voorziening nazorg stortplaatsen; jaarlijkse monitoring.",
    },
    # --- Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing ---
    {
        "id": "R56",
        "risico": "Grondexploitatie Stationsgebied: afzetrisico kavels",
        "omschrijving": "Door hoge rente en bouwkosten stellen ontwikkelaars de afname van kavels uit. De "
        "opbrengsten dalen en de rentelasten van de grondexploitatie lopen op.",
        "kans": 0.5,
        "gevolg_min": 500_000,
        "gevolg_modus": 1_500_000,
        "gevolg_max": 4_000_000,
        "verdeling": "pert",
        "groep": "grondexploitaties",
        "programma": _VHROSV,
        "eigenaar": "Manager Grondzaken",
        "beheersmaatregelen": "Fasering, anterieure overeenkomsten met afnamegaranties en jaarlijkse "
        "herziening.",
    },
    {
        "id": "R57",
        "risico": "Grondexploitatie Westerhaven: hogere saneringskosten",
        "omschrijving": "Op het voormalige haventerrein blijkt de bodem zwaarder verontreinigd dan "
        "onderzocht. De saneringskosten in de grondexploitatie stijgen.",
        "kans": 0.3,
        "gevolg_max": 1_200_000,
        "groep": "grondexploitaties",
        "programma": _VHROSV,
        "eigenaar": "Manager Grondzaken",
        "beheersmaatregelen": "Aanvullend bodemonderzoek en post onvoorzien in de grondexploitatie.",
    },
    {
        "id": "R58",
        "risico": "Claims planschade",
        "omschrijving": "Omwonenden van nieuwe bouwlocaties dienen verzoeken om planschade in. Niet alle "
        "planschade is via anterieure overeenkomsten op de ontwikkelaar te verhalen.",
        "kans": 0.3,
        "gevolg_max": 500_000,
        "programma": _VHROSV,
        "eigenaar": "Juridisch Adviseur Ruimte",
        "beheersmaatregelen": "Planschaderisicoanalyse en verhaalsovereenkomsten met ontwikkelaars.",
    },
    {
        "id": "R59",
        "risico": "Lagere legesopbrengst omgevingsvergunningen",
        "omschrijving": "Door stagnerende woningbouw worden minder omgevingsvergunningen aangevraagd. De "
        "legesopbrengst valt lager uit terwijl de kosten van de vergunningverlening blijven.",
        "kans": 0.5,
        "gevolg_max": 300_000,
        "aard": "structureel",
        "programma": _VHROSV,
        "eigenaar": "Teamleider Vergunningen en Handhaving",
        "beheersmaatregelen": "Flexibele formatie en voorzichtige raming van de leges.",
    },
    {
        "id": "R60",
        "risico": "Ontwikkelaar haakt af bij woningbouwproject",
        "omschrijving": "Een ontwikkelaar trekt zich terug uit een woningbouwproject waarvoor de gemeente "
        "al voorbereidingskosten heeft gemaakt. Die kosten zijn niet te verhalen.",
        "kans": 0.2,
        "gevolg_max": 400_000,
        "groep": "grondexploitaties",
        "programma": _VHROSV,
        "eigenaar": "Manager Grondzaken",
        "beheersmaatregelen": "Anterieure overeenkomsten met kostenverhaal vanaf de planfase.",
    },
)

DEMO_CAPACITY: tuple[dict, ...] = (
    {
        "naam": "Algemene reserve",
        "soort": "algemene reserve",
        "aard": "incidenteel",
        "bedrag": 11_500_000,
        "toelichting": "Saldo volgens de begroting na verwerking van de voorgenomen onttrekkingen.",
    },
    {
        "naam": "Reserve sociaal domein",
        "soort": "vrij besteedbare bestemmingsreserves",
        "aard": "incidenteel",
        "bedrag": 2_500_000,
        "toelichting": "De raad kan de bestemming wijzigen; er rusten geen verplichtingen op.",
    },
    {
        "naam": "Reserve grondexploitaties (vrij deel)",
        "soort": "vrij besteedbare bestemmingsreserves",
        "aard": "incidenteel",
        "bedrag": 1_500_000,
        "toelichting": "Deel boven het vereiste niveau voor de risico's van de grondexploitaties.",
    },
    {
        "naam": "Stille reserves verhuurd vastgoed",
        "soort": "stille reserves",
        "aard": "incidenteel",
        "bedrag": 1_200_000,
        "toelichting": "Verschil tussen marktwaarde en boekwaarde van direct verkoopbare panden die niet "
        "voor de taakuitvoering nodig zijn.",
    },
    {
        "naam": "Begrotingsruimte",
        "soort": "begrotingsruimte",
        "aard": "structureel",
        "bedrag": 600_000,
        "toelichting": "Structureel begrotingsoverschot in het eerste jaar van de meerjarenraming.",
    },
    {
        "naam": "Post onvoorzien",
        "soort": "post onvoorzien",
        "aard": "structureel",
        "bedrag": 150_000,
        "toelichting": "Geraamd op circa € 3 per inwoner.",
    },
    {
        "naam": "Onbenutte belastingcapaciteit OZB",
        "soort": "onbenutte belastingcapaciteit",
        "aard": "structureel",
        "bedrag": 1_500_000,
        "toelichting": "Verschil tussen de OZB-opbrengst en de opbrengst bij het rekentarief voor een "
        "artikel 12-status van de Financiële-verhoudingswet.",
    },
)


def demo_capacity_total() -> float:
    """The available weerstandscapaciteit of Voorbeeldrecht: the sum of all ``DEMO_CAPACITY`` items."""
    return float(sum(item["bedrag"] for item in DEMO_CAPACITY))


def demo_sum_of_maxima(*, structural_years: int | None = None) -> float:
    """Σ maximum consequence of the risks in the profile (excluded risks left out).

    A structural risk counts its annual amount times its own ``jaren`` or, without it, times
    ``structural_years`` (default: the organisation's setting).
    """
    years = DEMO_ORGANISATION["structural_years"] if structural_years is None else structural_years
    total = 0.0
    for risk in DEMO_RISKS:
        if risk.get("uitgesloten") == "ja":
            continue
        multiplier = risk.get("jaren", years) if risk.get("aard") == "structureel" else 1
        total += risk["gevolg_max"] * multiplier
    return total


def write_demo_register(path: Path) -> Path:
    """Write ``DEMO_RISKS`` to ``path`` (.xlsx or .csv) with the canonical keys as header row.

    The .xlsx has one sheet "Risico's" with numbers as numbers and the kans formatted as a percentage. The
    .csv is what Dutch Excel exports: ``;`` separated, UTF-8 with BOM, amounts as whole numbers and the
    kans as a percentage ("30%"). Returns ``path``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path)
    elif suffix == ".csv":
        _write_csv(path)
    else:
        raise ValueError(f"onbekend bestandstype {path.suffix!r}: kies .xlsx of .csv")
    return path


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risico's"
    sheet.append(list(CANONICAL_KEYS))
    kans_column = CANONICAL_KEYS.index("kans") + 1
    amount_columns = [CANONICAL_KEYS.index(key) + 1 for key in ("gevolg_max", "gevolg_min", "gevolg_modus")]
    for risk in DEMO_RISKS:
        sheet.append([risk.get(key) for key in CANONICAL_KEYS])
        row = sheet.max_row
        sheet.cell(row=row, column=kans_column).number_format = "0%"
        for column in amount_columns:
            sheet.cell(row=row, column=column).number_format = "#,##0"
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _csv_cell(key: str, value: str | float | None) -> str:
    if value is None:
        return ""
    if key == "kans":
        percent = round(float(value) * 100, 6)
        return f"{percent:g}%".replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(CANONICAL_KEYS)
        for risk in DEMO_RISKS:
            writer.writerow([_csv_cell(key, risk.get(key)) for key in CANONICAL_KEYS])
