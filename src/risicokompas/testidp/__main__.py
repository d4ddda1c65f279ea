# SPDX-License-Identifier: EUPL-1.2
"""Run the test OpenID Connect provider: ``python -m risicokompas.testidp [--port 8001]``.

It prepares its own SQLite database (migrations, an RSA signing key, one client for Risicokompas and the
fictitious users), prints the environment variables that connect Risicokompas to it, and serves on
127.0.0.1. Users are given as ``username:password:email[:role,role]`` where a role reads
"<organisation slug>:<role>" (the ``rk_roles`` claim), e.g.
``--user anna:geheim:anna@aadorp.nl:gemeente-aadorp:controller``; ``--unverified-email anna`` makes the
provider say her address is not verified. It ends its session at the end-session endpoint
(``/openid/end-session/``, RP-initiated logout) and sends the browser back to a registered
``--post-logout-redirect-uri``.
"""

from __future__ import annotations

import argparse
import os

DEMO_PASSWORD = "voorbeeld-wachtwoord"
DEMO_USERS = [
    f"sanne:{DEMO_PASSWORD}:sanne@voorbeeldrecht.nl:gemeente-voorbeeldrecht:controller",
    f"kees:{DEMO_PASSWORD}:kees@voorbeeldrecht.nl:gemeente-voorbeeldrecht:risico-eigenaar",
    f"joost:{DEMO_PASSWORD}:joost@voorbeeldrecht.nl",
    f"eva:{DEMO_PASSWORD}:eva@elders.nl",
]


def parse_user(text: str) -> tuple[str, str, str, list[str]]:
    parts = text.split(":")
    if len(parts) < 3:
        raise argparse.ArgumentTypeError(f"{text!r}: expected username:password:email[:org:role,...]")
    username, password, email = parts[:3]
    rest = ":".join(parts[3:])
    roles = [role for role in rest.split(",") if role] if rest else []
    return username, password, email, roles


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m risicokompas.testidp", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--database", default=os.path.join("var", "testidp.sqlite3"))
    parser.add_argument("--client-id", default="risicokompas")
    parser.add_argument("--client-secret", default="test-provider-niet-geheim")
    parser.add_argument(
        "--redirect-uri",
        action="append",
        help="Risicokompas' callback (repeatable); default http://127.0.0.1:8000/inloggen/sso/test/terug/",
    )
    parser.add_argument(
        "--post-logout-redirect-uri",
        action="append",
        help="where the provider may send the browser after logout (repeatable); default "
        "http://127.0.0.1:8000/uitgelogd/",
    )
    parser.add_argument(
        "--user", action="append", type=parse_user, help="username:password:email[:org:role,...]"
    )
    parser.add_argument(
        "--unverified-email",
        action="append",
        default=[],
        metavar="USERNAME",
        help="this user's e-mail address is not verified (email_verified false; repeatable)",
    )
    args = parser.parse_args(argv)
    redirect_uris = args.redirect_uri or [
        "http://127.0.0.1:8000/inloggen/sso/test/terug/",
        "http://localhost:8000/inloggen/sso/test/terug/",
    ]
    logout_uris = args.post_logout_redirect_uri or [
        "http://127.0.0.1:8000/uitgelogd/",
        "http://localhost:8000/uitgelogd/",
    ]
    users = args.user or [parse_user(text) for text in DEMO_USERS]

    os.makedirs(os.path.dirname(os.path.abspath(args.database)), exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "risicokompas.testidp.settings"
    os.environ["TESTIDP_DATABASE"] = args.database
    import django

    django.setup()
    prepare(args.client_id, args.client_secret, redirect_uris, users, logout_uris, args.unverified_email)

    issuer = f"http://{args.host}:{args.port}/openid"
    print(
        "Test OpenID Connect provider. Connect Risicokompas with:\n"
        f"  OIDC_PROVIDERS=test OIDC_TEST_NAME='Testprovider' OIDC_TEST_ISSUER={issuer} \\\n"
        f"  OIDC_TEST_CLIENT_ID={args.client_id} OIDC_TEST_CLIENT_SECRET={args.client_secret} \\\n"
        "  OIDC_TEST_SCOPES='openid email profile rk_roles' OIDC_TEST_ROLES_CLAIM=rk_roles\n"
        "Users: " + ", ".join(f"{u[0]} ({u[2]})" for u in users),
        flush=True,
    )
    from django.core.management import call_command

    call_command(
        "runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True, skip_checks=True
    )


def prepare(
    client_id: str,
    client_secret: str,
    redirect_uris: list[str],
    users: list[tuple[str, str, str, list[str]]],
    logout_uris: list[str] | None = None,
    unverified: list[str] | None = None,
) -> None:
    """Migrate, and make the signing key, the client and the users (idempotent)."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    from risicokompas.testidp.claims import UNVERIFIED_GROUP

    call_command("migrate", verbosity=0, interactive=False)
    if not RSAKey.objects.exists():
        call_command("creatersakey", verbosity=0)
    client, _ = Client.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Risicokompas",
            "client_type": "confidential",
            "client_secret": client_secret,
            "jwt_alg": "RS256",
            "require_consent": False,
            "reuse_consent": True,
            "_redirect_uris": "\n".join(redirect_uris),
            "_post_logout_redirect_uris": "\n".join(logout_uris or []),
            "_scope": "openid email profile rk_roles",
        },
    )
    client.response_types.set([ResponseType.objects.get(value="code")])
    for username, password, email, roles in users:
        user, _ = User.objects.get_or_create(username=username)
        user.email = email
        user.first_name = username.capitalize()
        user.set_password(password)
        user.save()
        names = [*roles, UNVERIFIED_GROUP] if username in (unverified or []) else roles
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])


if __name__ == "__main__":
    main()
