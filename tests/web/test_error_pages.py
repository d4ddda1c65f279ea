# SPDX-License-Identifier: EUPL-1.2
"""Error pages in Dutch, in the site's style, saying what to do next — also with DEBUG on."""

from django.test import Client, override_settings
from django.urls import reverse

from risicokompas.web import errors


def test_a_missing_page_is_a_dutch_404_in_the_site_style(cast, login):
    response = login(cast.controller).get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in html and "Naar uw startpagina" in html
    assert 'class="rk-header"' in html  # the site's own header and menu


def test_a_forbidden_page_says_whom_to_ask(cast, login):
    response = login(cast.employee).get(reverse("capacity:settings"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "U heeft geen toegang tot deze pagina" in html and "beheerder van uw organisatie" in html


@override_settings(DEBUG=True)
def test_with_debug_on_a_signed_in_user_still_gets_the_dutch_pages(cast, login):
    client = login(cast.employee)
    missing = client.get("/risicos/999999/")
    assert missing.status_code == 404 and "Deze pagina bestaat niet (meer)" in missing.content.decode()
    no_route = client.get("/bestaat-niet/")  # matches no URL at all: never reaches a view
    assert no_route.status_code == 404 and "Deze pagina bestaat niet (meer)" in no_route.content.decode()
    forbidden = client.get(reverse("capacity:settings"))
    assert forbidden.status_code == 403 and "U heeft geen toegang" in forbidden.content.decode()


def test_a_refused_form_explains_that_nothing_was_saved(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.controller)
    response = client.post(reverse("capacity:settings"), {"reason": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Het formulier is niet verstuurd" in html and "niets opgeslagen" in html


def test_the_server_error_page_needs_no_database_or_context(rf):
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
