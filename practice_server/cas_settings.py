"""CAS settings of the practice Chamilo (UI-REFERENCE §13.1): the platform settings of the CAS
category and the ``$cas`` array of ``app/config/auth.conf.php``, as one object.

``State.cas`` holds a :class:`CasSettings` when ``cas_activate`` is true, None otherwise.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class CasSettings:
    """Where the IdP is and how the practice Chamilo uses it.

    ``server_url``: ``https://<cas_server>[:<cas_port>]<cas_server_uri>``, e.g.
    ``https://127.0.0.1:8443/cas`` (Chamilo keeps host, port and path apart; the port shows in the
    URL only when it is not 443). The other fields are the ``$cas`` array's, with Chamilo's
    defaults (auth.conf.dist.php): ``force_redirect``, ``replace_login_form``,
    ``skip_force_redirect_in`` (URI fragments: a request whose URI contains one is left alone),
    ``service_base_url`` (scheme://host:port of Chamilo; None = as the browser reached it).
    TLS of the server-to-server ticket validation: ``ca_bundle`` (a PEM file of the CAs to trust),
    else the system's CAs; ``no_server_validation`` (``noCasServerValidation``) checks nothing.
    ``cas_auth_users``: the usernames whose ``auth_source`` is ``cas`` (their logout also ends the
    IdP session, §13.5); None = every user.
    """

    server_url: str
    force_redirect: bool = False
    replace_login_form: bool = False
    skip_force_redirect_in: tuple[str, ...] = ()
    service_base_url: str | None = None
    ca_bundle: str | None = None
    no_server_validation: bool = False
    cas_auth_users: frozenset[str] | None = None
    protocol: str = field(default="CAS2", init=False)  # cas_protocol: CAS 2.0 serviceValidate only

    def __post_init__(self) -> None:
        parts = urlsplit(self.server_url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"CAS server URL must be http(s)://host[:port]/path, not {self.server_url!r}")
        self.server_url = self.server_url.rstrip("/")
        if self.service_base_url:
            self.service_base_url = self.service_base_url.rstrip("/")
        self.skip_force_redirect_in = tuple(s for s in self.skip_force_redirect_in if s)
        if self.cas_auth_users is not None:
            self.cas_auth_users = frozenset(self.cas_auth_users)

    @property
    def login_url(self) -> str:
        return self.server_url + "/login"

    @property
    def logout_url(self) -> str:
        return self.server_url + "/logout"

    @property
    def service_validate_url(self) -> str:
        return self.server_url + "/serviceValidate"

    def platform_settings(self) -> dict[str, str]:
        """The CAS category of Chamilo's platform settings these values stand for."""
        parts = urlsplit(self.server_url)
        return {"cas_activate": "true", "cas_server": parts.hostname or "",
                "cas_port": str(parts.port or (443 if parts.scheme == "https" else 80)),
                "cas_server_uri": parts.path or "/", "cas_protocol": self.protocol,
                "cas_add_user_activate": "false"}

    def is_cas_user(self, username: str) -> bool:
        return self.cas_auth_users is None or username in self.cas_auth_users


# ---------------------------------------------------------------- command line (python -m practice_server, robot sandbox)
def add_cas_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("single sign-on (CAS client, like Chamilo 1.11 with cas_activate=true)")
    group.add_argument("--cas-server", metavar="URL",
                       help="turn CAS on with this IdP, e.g. https://127.0.0.1:8443/cas")
    group.add_argument("--cas-force-redirect", action="store_true",
                       help="send every anonymous request to the IdP ($cas['force_redirect'])")
    group.add_argument("--cas-replace-login-form", action="store_true",
                       help="the home page's login form becomes the CAS button ($cas['replace_login_form'])")
    group.add_argument("--cas-skip", action="append", default=[], metavar="FRAGMENT",
                       help="URI fragment left alone by the forced redirect (repeatable)")
    group.add_argument("--cas-service-base-url", metavar="URL",
                       help="scheme://host:port of this Chamilo as the IdP should send browsers back "
                            "(default: as the browser reached it)")
    tls = group.add_mutually_exclusive_group()
    tls.add_argument("--cas-ca-bundle", metavar="FILE", help="CA bundle (PEM) that signs the IdP's certificate")
    tls.add_argument("--cas-no-server-validation", action="store_true",
                     help="do not check the IdP's certificate (noCasServerValidation)")


def cas_settings_from_args(args: argparse.Namespace) -> CasSettings | None:
    """The CasSettings the options of :func:`add_cas_arguments` ask for (None: CAS off).
    Raises ValueError for a bad URL or CAS options without --cas-server."""
    if not args.cas_server:
        if (args.cas_force_redirect or args.cas_replace_login_form or args.cas_skip or args.cas_service_base_url
                or args.cas_ca_bundle or args.cas_no_server_validation):
            raise ValueError("the --cas-... options need --cas-server URL")
        return None
    return CasSettings(server_url=args.cas_server, force_redirect=args.cas_force_redirect,
                       replace_login_form=args.cas_replace_login_form, skip_force_redirect_in=tuple(args.cas_skip),
                       service_base_url=args.cas_service_base_url, ca_bundle=args.cas_ca_bundle,
                       no_server_validation=args.cas_no_server_validation)
