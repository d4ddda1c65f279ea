# SPDX-License-Identifier: EUPL-1.2
"""A NUL character (0x00) in a parameter is refused with a Dutch 400 before any view reads it: PostgreSQL
text cannot hold it, so it would otherwise end as a database error (a 500) on PostgreSQL only."""

from urllib.parse import urlencode


def test_a_nul_character_in_a_parameter_is_a_dutch_400(client, cast, login):
    login(cast.controller)
    response = client.get("/meldingen/inbox/", {"q": "lek\x00kage"})
    assert response.status_code == 400 and "ongeldig teken" in response.content.decode()
    form = urlencode({"name": "x\x00"})  # a browser's form post
    assert (
        client.post("/risicos/nieuw/", form, content_type="application/x-www-form-urlencoded").status_code
        == 400
    )
    assert client.get("/meldingen/inbox/", {"q": "lekkage"}).status_code == 200
